using System.Text.Json;

namespace Pi.Orleans.Cli.Tests;

/// <summary>`pi` ships to users as a dotnet tool: its package is its build output, which must hold no Orleans assembly.</summary>
public sealed class ToolOutputTests
{
    private static readonly string Output = Path.Combine(RepositoryPaths.Root, "cli", "Pi.Orleans.Cli", "bin", RepositoryPaths.Configuration, "net10.0");

    [Fact]
    public void TheToolsOutputFolderHoldsNoOrleansAssembly()
    {
        Assert.True(File.Exists(Path.Combine(Output, "Pi.Orleans.Cli.dll")), $"{Output} has no build of the tool");

        var orleans = Directory.EnumerateFiles(Output, "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("Orleans", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.Orleans", StringComparison.OrdinalIgnoreCase));

        Assert.Empty(orleans);
    }

    [Fact]
    public void TheToolsDependenciesNameNoOrleansPackageNorTheGrains()
    {
        // deps.json lists every library the tool loads, and so every one its package carries, whether or not a stale file lies around.
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "Pi.Orleans.Cli.deps.json")));

        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("Pi.Orleans.Client", libraries);
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.Orleans", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Orleans", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, l => l is "Pi.Orleans.Grains" or "Pi.Orleans.Grains.Interfaces");
    }
}
