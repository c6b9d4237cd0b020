using System.ComponentModel;
using System.Diagnostics;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>The command-line tools the backup tests run (redis-server, redis-cli, sh): started with their output redirected.</summary>
internal static class ToolProcess
{
    /// <summary>Starts the tool and reads and drops its output, so that it never blocks on a full pipe.</summary>
    public static Process Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = StartRedirected(executable, arguments, environment);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the tool to its end (at most 60 s); its exit code, and its output followed by its error.</summary>
    public static async Task<(int Code, string Output)> RunAsync(
        string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        using var process = StartRedirected(executable, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts the tool; the caller reads its standard output and error.</summary>
    public static Process StartRedirected(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{executable} is not installed. Install it with: apt-get install -y redis-server (tests/run.sh does)", e);
        }
    }
}
