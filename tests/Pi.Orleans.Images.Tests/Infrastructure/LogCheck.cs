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
        // The chart limits a worker to 1 CPU, and .NET then runs the workstation GC whatever ServerGarbageCollection says; Orleans
        // notes it in these two lines at every worker's start. The Api has no CPU limit and must not log them.
        (new Regex(@"^warn: Orleans\.Runtime\.Silo\[100405\] \| Note: (Silo not running with ServerGC|ServerGC only kicks in on multi-core)"), "1-CPU worker"),
    ];

    // Orleans' reports of a starved process. Allowed only while the machine runs more than one runnable task per core (other builds
    // and tests share it): then they describe the machine, not the image; on a machine with room they fail the test like any other.
    private static readonly Regex Starvation = new(
        @"Orleans\.Runtime\.Watchdog|LocalSiloHealthMonitor.*(stalled|local health is degraded)|WorkItemGroup.*took elapsed time|SiloLifecycleSubject.*stopped in stage");

    /// <summary>Whether the machine is overloaded now: a 1-minute load average above the core count.</summary>
    public static bool Overloaded() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) > Environment.ProcessorCount;

    /// <summary>The unexpected entries, each as its header line and its first message line.</summary>
    public static IReadOnlyList<string> Unexpected(string log, bool overloaded)
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
            var allowed = Allowed.Any(a => a.Pattern.IsMatch(entry)) || (overloaded && Starvation.IsMatch(entry));
            if ((level.Success && level.Groups[1].Value != "warn") || !allowed)
            {
                found.Add(entry);
            }
        }

        return found;
    }

    [GeneratedRegex(@"^\s*(warn|fail|crit): ")]
    private static partial Regex Level();

    // Redis's own format, "pid:role date time # message": '#' is its warning level, which it also uses for start-up notices
    // ("Redis is starting", "Server initialized"); its warnings say WARNING.
    [GeneratedRegex(@"^\d+:[CMSX] .* # WARNING")]
    private static partial Regex RedisWarning();
}
