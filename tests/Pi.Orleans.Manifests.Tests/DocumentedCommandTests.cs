using System.Text.RegularExpressions;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// Every helm command for this chart written in the repository's docs and values files renders as written (placeholders such as
/// &lt;your-registry&gt; filled in), and none renders a Namespace: Helm cannot own the namespace that holds its own release.
/// </summary>
public sealed partial class DocumentedCommandTests
{
    private static readonly string[] Sources =
    [
        "README.md", "manifests/README.md", "docs/observability.md", "docs/kubernetes-code.md",
        "manifests/chart/values.yaml", "manifests/chart/values-k3s.yaml", "manifests/chart/values-k3s-multinode.yaml", "manifests/chart/values-production.yaml",
    ];

    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in Sources)
        {
            var text = ContinuationPattern().Replace(File.ReadAllText(Path.Combine(RepositoryPaths.Root, source)), " ");
            foreach (Match match in CommandPattern().Matches(text))
            {
                data.Add(source, match.Value.Trim());
            }
        }

        return data;
    }

    [Fact]
    public void TheDocsHoldTheInstallCommandsOfEveryValuesFile()
    {
        var commands = Commands().Select(row => row.Data.Item2).ToList();

        foreach (var values in new[] { "values-k3s.yaml", "values-k3s-multinode.yaml", "values-production.yaml" })
        {
            Assert.Contains(commands, c => c.StartsWith("helm upgrade --install", StringComparison.Ordinal) && c.Contains(values, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryDocumentedHelmCommandRendersWithoutANamespaceObject(string source, string command)
    {
        var arguments = Arguments(command);

        var yaml = await Helm.RunRawAsync(arguments, TestContext.Current.CancellationToken);

        Assert.True(!RenderedChart.Load(yaml).Objects.Any(o => o.Kind == "Namespace"), $"{source}: `{command}` renders a Namespace, so helm install would fail");
        if (command.Contains("--install", StringComparison.Ordinal) && !command.Contains("values-production.yaml", StringComparison.Ordinal))
        {
            Assert.True(command.Contains("--create-namespace", StringComparison.Ordinal), $"{source}: `{command}` installs without --create-namespace");
        }
    }

    // helm upgrade --install/install/upgrade become helm template with the same release, chart and flags.
    private static List<string> Arguments(string command)
    {
        var words = PlaceholderPattern().Replace(command, m => m.Value == "<your-registry>" ? "registry.test" : "x")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        words.RemoveAll(w => w is "upgrade" or "install" or "template" or "--install" or "--create-namespace" or "--wait" or "--reuse-values");
        words.Insert(0, "template");
        return [.. words.Select(w => w.Trim('\'', '"')).Select(w => w.StartsWith("manifests/", StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Root, w) : w)];
    }

    [GeneratedRegex(@"\\\r?\n\s*")]
    private static partial Regex ContinuationPattern();

    // A helm command on this chart, up to the end of its line, a closing backtick, a redirection or a comment.
    [GeneratedRegex(@"helm (?:upgrade --install|install|upgrade|template) pi-orleans manifests/chart[^`\n>#]*")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"<[a-z-]+>")]
    private static partial Regex PlaceholderPattern();
}
