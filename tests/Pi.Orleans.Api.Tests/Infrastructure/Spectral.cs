using System.Diagnostics;
using System.Text.Json;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>Runs the Spectral CLI that manifests/tools/install-spectral.sh installs into .tools/spectral, with the repository's .spectral.yaml.</summary>
public static class Spectral
{
    /// <summary>One finding of <c>spectral lint -f json</c>: rule code, severity (0 error, 1 warning, 2 info, 3 hint), message and JSON path.</summary>
    public sealed record Finding(string Code, int Severity, string Message, string Path);

    /// <summary>Lints an OpenAPI document given as text and returns every finding.</summary>
    public static async Task<IReadOnlyList<Finding>> LintAsync(string document, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("pi-spectral-");
        try
        {
            var input = System.IO.Path.Combine(folder.FullName, "openapi.json");
            var output = System.IO.Path.Combine(folder.FullName, "findings.json");
            await File.WriteAllTextAsync(input, document, cancellationToken);
            var info = new ProcessStartInfo(Find()) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "lint", input, "--ruleset", System.IO.Path.Combine(RepositoryPaths.Root, ".spectral.yaml"), "--format", "json", "--output", output, "--fail-severity", "error" })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"spectral exited with {process.ExitCode} and wrote no findings:\n{await stdout}\n{await stderr}");
            }

            using var findings = JsonDocument.Parse(await File.ReadAllTextAsync(output, cancellationToken));
            return [.. findings.RootElement.EnumerateArray().Select(f => new Finding(
                f.GetProperty("code").ToString(),
                f.GetProperty("severity").GetInt32(),
                f.GetProperty("message").GetString() ?? "",
                string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString()))))];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Find()
    {
        var installed = System.IO.Path.Combine(RepositoryPaths.Root, ".tools", "spectral", "node_modules", ".bin", "spectral");
        return File.Exists(installed)
            ? installed
            : throw new InvalidOperationException(
                "spectral is missing: run `bash manifests/tools/install-spectral.sh` (installs it into .tools/spectral) and test again.");
    }
}
