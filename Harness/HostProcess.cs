using System.Diagnostics;
using Pi.Orleans.Client;

namespace Pi.Orleans.Harness;

/// <summary>
/// One process of a local cluster (redis-server, the Api or a Silo) run as a real OS process: its output kept for failure messages
/// (and written to a log file when one is given), its CPU time, readiness, graceful stop and kill.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly DateTime _started = DateTime.UtcNow;
    private string? _detachedLog;
    private TimeSpan _lastCpu;

    private HostProcess(string name, Process process, string? logPath, int httpPort, string host)
    {
        Name = name;
        _process = process;
        _output = new ProcessOutput(logPath);
        LogPath = logPath;
        HttpPort = httpPort;
        Host = host;
        Http = new HttpClient { BaseAddress = new Uri($"http://{host}:{httpPort}"), Timeout = TimeSpan.FromSeconds(100) };
        Client = new PiApiClient(Http);
    }

    /// <summary>A label for messages.</summary>
    public string Name { get; }

    /// <summary>The HTTP port the host listens on (0 for redis-server).</summary>
    public int HttpPort { get; }

    /// <summary>The address its HTTP port listens on (127.0.0.1, or its network namespace's address).</summary>
    public string Host { get; }

    /// <summary>The file its output goes to, if any.</summary>
    public string? LogPath { get; }

    /// <summary>A client for the host's HTTP port.</summary>
    public HttpClient Http { get; }

    /// <summary>The typed API client over <see cref="Http"/> (same headers, same lifetime).</summary>
    public PiApiClient Client { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The operating system's process id (of the prefix's process when started behind one).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>How long ago the process was started.</summary>
    public TimeSpan StartedFor => DateTime.UtcNow - _started;

    /// <summary>Every line the process wrote that is still kept (the newest 400).</summary>
    public IReadOnlyList<string> Lines => _output.Lines;

    /// <summary>The last lines the process wrote.</summary>
    public string Output => Tail(80);

    /// <summary>CPU time used so far (user + system); the last value read once the process has exited.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            lock (_process)
            {
                try
                {
                    _process.Refresh();
                    _lastCpu = _process.TotalProcessorTime;
                }
                catch (InvalidOperationException)
                {
                    // Exited: keep the last reading.
                }

                return _lastCpu;
            }
        }
    }

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
        var command = prefix.Concat(["dotnet", dll, "--urls", $"http://127.0.0.1:{httpPort}"]).ToList();
        var hostEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in environment)
        {
            hostEnvironment[key] = value;
        }

        return StartProgram(name, command[0], command.Skip(1), hostEnvironment, null, httpPort, workingDirectory: Path.GetDirectoryName(dll));
    }

    /// <summary>Starts any program; its output goes to <paramref name="logPath"/> too when given.</summary>
    public static HostProcess StartProgram(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? logPath,
        int httpPort = 0, string host = "127.0.0.1", string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new HostProcess(name, process, logPath, httpPort, host);
        process.OutputDataReceived += (_, e) => started._output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => started._output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            started._output.Dispose();
            throw new HostProcessException($"{fileName} could not be started ({e.Message}).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// Starts a program that outlives this process: in a session of its own (setsid), stdin from /dev/null, its output written to
    /// <paramref name="logPath"/> (from its start) by the shell that execs it, so the process id is the program's.
    /// </summary>
    public static HostProcess StartDetached(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath,
        int httpPort = 0, string? workingDirectory = null)
    {
        string[] prefix = ["-c", "log=$1; shift; exec \"$@\" </dev/null >\"$log\" 2>&1", "sh", logPath, fileName];
        var started = StartProgram(name, "setsid", ["sh", .. prefix, .. arguments], environment, null, httpPort, workingDirectory: workingDirectory);
        started._detachedLog = logPath;
        return started;
    }

    /// <summary>Waits until /health/ready answers 200; fails with the process output if it exits or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await Eventually.HoldsAsync(IsReadyAsync, timeout, () => $"{Name} ready", cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new HostProcessException($"{Name} was not ready after {timeout.TotalSeconds:0} s:\n{Output}", e);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit (SIGKILL after <paramref name="timeout"/>); returns how long the exit took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (_process.HasExited)
        {
            return TimeSpan.Zero;
        }

        _ = CpuTime;
        OsProcess.Terminate(_process.Id);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        return clock.Elapsed;
    }

    /// <summary>Waits for the process to exit by itself; the caller bounds the wait with the token.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the process at once (SIGKILL) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _ = CpuTime;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>The last <paramref name="lines"/> lines the process wrote.</summary>
    public string Tail(int lines = 30) => _detachedLog is null ? _output.Tail(lines) : ProcessOutput.TailOf(_detachedLog, lines);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        Client.Dispose();
        _process.Dispose();
        _output.Dispose();
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) => _process.HasExited
        ? throw new HostProcessException($"{Name} exited with code {_process.ExitCode}:\n{Output}")
        : await HttpProbe.IsReadyAsync(Http, "/health/ready", cancellationToken);
}
