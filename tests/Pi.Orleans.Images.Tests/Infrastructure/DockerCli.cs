using System.ComponentModel;
using System.Diagnostics;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>Runs the docker client (and other short commands) with its output captured.</summary>
public static class DockerCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Fails with what to do when no docker daemon answers: the test needs one and is not skipped without it.</summary>
    public static async Task<string> RequireDaemonAsync(CancellationToken cancellationToken)
    {
        var (code, output) = await TryAsync("docker", ["version", "--format", "{{.Server.Version}}"], cancellationToken);
        return code == 0
            ? output.Trim()
            : throw new InvalidOperationException(
                "docker cannot run here, so the images cannot be built and run: " + output.Trim() +
                "\nInstall docker.io (apt-get install -y docker.io) and start dockerd; `bash tests/run.sh` does both.");
    }

    /// <summary>Runs `docker args`; throws with its output when it fails.</summary>
    public static Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        MustAsync("docker", arguments, cancellationToken, timeout);

    /// <summary>Runs a command; throws with its output when it fails.</summary>
    public static async Task<string> MustAsync(
        string file, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var list = arguments.ToList();
        var (code, output) = await TryAsync(file, list, cancellationToken, timeout, environment, workingDirectory);
        return code == 0 ? output : throw new InvalidOperationException($"`{file} {Describe(list)}` exited with {code}:\n{output}");
    }

    /// <summary>Runs a command to its end: exit code and output (standard output, then standard error).</summary>
    public static async Task<(int Code, string Output)> TryAsync(
        string file, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (Win32Exception e)
        {
            return (127, $"{file} is not installed ({e.Message})");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout ?? DefaultTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{file} {Describe(info.ArgumentList)}` did not end within {timeout ?? DefaultTimeout}");
            }

            return (process.ExitCode, await output + await error);
        }
    }

    // Long arguments (a CA certificate, a script) are cut so that failures stay readable.
    private static string Describe(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => a.Length > 80 ? a[..40] + "…" : a));
}
