using System.Text.RegularExpressions;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// Reads a container's console log (the simple console format: "warn: Category[id]" and the message on the next line; Redis's
/// "# " warnings) and keeps what must not be there: every fail: and crit: entry, and every warning the allow-list does not name.
/// </summary>
public static partial class LogCheck
{
    // Each allowed warning, with why it is expected. Anything else fails the test, the ASP.NET Core "Overriding HTTP_PORTS" warning
    // (both ASPNETCORE_HTTP_PORTS and an address configured) among them.
    private static readonly (Regex Pattern, string Reason)[] Allowed =
    [
        // A setting of the host's kernel (vm.overcommit_memory), not of the pod; Redis logs it on every such node.
        (new Regex("WARNING Memory overcommit must be enabled"), "host sysctl"),
    ];

    /// <summary>The unexpected entries, each as its header line and its first message line.</summary>
    public static IReadOnlyList<string> Unexpected(string log)
    {
        var lines = log.Split('\n');
        var found = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var level = Level().Match(lines[i]);
            var redis = RedisWarning().IsMatch(lines[i]);
            if (!level.Success && !redis)
            {
                continue;
            }

            var entry = redis ? lines[i].TrimEnd() : lines[i].TrimEnd() + (i + 1 < lines.Length ? " | " + lines[i + 1].Trim() : "");
            if (level.Success && level.Groups[1].Value != "warn" || !Allowed.Any(a => a.Pattern.IsMatch(entry)))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    [GeneratedRegex(@"^\s*(warn|fail|crit): ")]
    private static partial Regex Level();

    // Redis's own format: "pid:role date time # message", where '#' is its warning level.
    [GeneratedRegex(@"^\d+:[CMSX] .* # ")]
    private static partial Regex RedisWarning();
}
