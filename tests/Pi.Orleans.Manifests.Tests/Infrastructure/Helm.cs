using System.Diagnostics;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>Runs the helm binary that manifests/tools/install-helm.sh installs (or one on PATH).</summary>
public static class Helm
{
    /// <summary>The release name and namespace the plain manifest is rendered with.</summary>
    public const string Release = "pi-orleans";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The chart folder.</summary>
    public static string ChartPath { get; } = Path.Combine(RepositoryPaths.Root, "manifests", "chart");

    /// <summary>The helm executable; throws naming the install script when there is none.</summary>
    public static string Executable => Find();

    /// <summary>`helm template pi-orleans chart --namespace pi-orleans [-f values]`: the rendered YAML.</summary>
    public static Task<string> TemplateAsync(string? valuesFile, CancellationToken cancellationToken = default) =>
        TemplateAsync(valuesFile, [], cancellationToken);

    /// <summary>`helm template` with more arguments (e.g. --set); throws with helm's error if the render fails.</summary>
    public static Task<string> TemplateAsync(string? valuesFile, IEnumerable<string> extraArguments, CancellationToken cancellationToken = default) =>
        RunAsync(WithValues(["template", Release, ChartPath, "--namespace", Release, .. extraArguments], valuesFile), cancellationToken);

    /// <summary>`helm lint --strict chart --namespace pi-orleans -f values`: its output; throws if it fails.</summary>
    public static Task<string> LintAsync(string valuesFile, CancellationToken cancellationToken = default) =>
        LintAsync(valuesFile, [], cancellationToken);

    /// <summary>`helm lint --strict` with more arguments (e.g. --set): its output; throws if it fails.</summary>
    public static Task<string> LintAsync(string? valuesFile, IEnumerable<string> extraArguments, CancellationToken cancellationToken = default) =>
        RunAsync(WithValues(["lint", "--strict", ChartPath, "--namespace", Release, .. extraArguments], valuesFile, lint: true), cancellationToken);

    /// <summary>Runs helm with exactly these arguments (no values file, no prerequisites): its output; throws if it fails.</summary>
    public static Task<string> RunRawAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(arguments, cancellationToken);

    private static List<string> WithValues(List<string> arguments, string? valuesFile, bool lint = false)
    {
        if (valuesFile is not null)
        {
            arguments.AddRange(["-f", Path.Combine(ChartPath, valuesFile), .. lint ? ValuesFiles.LintPrerequisites(valuesFile) : ValuesFiles.Prerequisites(valuesFile)]);
        }

        return arguments;
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Executable;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"helm {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{text}\n{await error}");
        }

        return text;
    }

    private static string Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "helm"))
            .Prepend(Path.Combine(RepositoryPaths.Root, ".tools", "bin", "helm"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "helm is missing: run `bash manifests/tools/install-helm.sh` (installs it into .tools/bin/helm) and test again.");
    }
}
