using System.Diagnostics;

namespace Pi.Orleans.AppHost;

/// <summary>Questions to the container engine's CLI (docker, or podman per ASPIRE_CONTAINER_RUNTIME), each with a short timeout.</summary>
internal sealed class ContainerEngine(string? runtime)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _cli = string.IsNullOrWhiteSpace(runtime) ? "docker" : runtime;

    /// <summary>Whether the engine has <paramref name="image"/> here, so that it runs without a registry (a CLI alone, with no daemon, has nothing).</summary>
    public bool HasImage(string image) => Succeeds("image", "inspect", "--format", "{{.Id}}", image);

    private bool Succeeds(params string[] arguments)
    {
        var start = new ProcessStartInfo(_cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such CLI.
            return false;
        }
    }
}
