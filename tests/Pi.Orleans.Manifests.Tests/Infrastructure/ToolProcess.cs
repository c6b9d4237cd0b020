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
