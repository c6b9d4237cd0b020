using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Pi.Orleans.Client;

namespace Pi.Orleans.Testing;

/// <summary>A built host (Api or Silo) run as a real OS process with `dotnet host.dll`, its output kept for failure messages.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private HostProcess(string name, Process process, int httpPort)
    {
        Name = name;
        _process = process;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(100) };
        Client = new PiApiClient(Http);
    }

    /// <summary>A label for messages.</summary>
    public string Name { get; }

    /// <summary>The HTTP port the host listens on.</summary>
    public int HttpPort { get; }

    /// <summary>A client for the host's HTTP port.</summary>
    public HttpClient Http { get; }

    /// <summary>The typed API client over <see cref="Http"/> (same headers, same lifetime).</summary>
    public PiApiClient Client { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote.</summary>
    public string Output => string.Join('\n', _output.TakeLast(80));

    /// <summary>Starts `dotnet dll` with the environment given, listening for HTTP on a free loopback port.</summary>
    public static HostProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment) =>
        Start(name, dll, environment, []);

    /// <summary>
    /// Starts the host behind a command prefix that execs the rest of its arguments (e.g. a sandbox, or a shell that first joins a
    /// cgroup), so that the process the prefix becomes is the host itself.
    /// </summary>
    public static HostProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> prefix)
    {
        var httpPort = FreePort.Next();
        var info = new ProcessStartInfo(prefix.Count > 0 ? prefix[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in prefix.Skip(1).Concat(prefix.Count > 0 ? ["dotnet"] : []).Concat([dll, "--urls", $"http://127.0.0.1:{httpPort}"]))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new HostProcess(name, process, httpPort);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until /health/ready answers 200; fails with the process output if it exits or takes too long.</summary>
    public Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.HoldsAsync(IsReadyAsync, timeout, () => $"{Name} ready\n{Output}", cancellationToken);

    /// <summary>Kills the process at once (SIGKILL).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Sends SIGTERM and waits for a graceful exit, killing it after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        Client.Dispose();
        _process.Dispose();
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await Http.GetAsync("/health/ready", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
