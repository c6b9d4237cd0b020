using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pi.Orleans.Cli.Experiments.Local;

/// <summary>A child process of the experiment (redis-server, the Api or a worker Silo): output to a log file, CPU time, graceful stop.</summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConcurrentQueue<string> _tail = new();
    private TimeSpan _lastCpu;
    private bool _logClosed;

    private ManagedProcess(string name, Process process, StreamWriter log, int httpPort, string host, string logPath)
    {
        LogPath = logPath;
        Name = name;
        _process = process;
        _log = log;
        HttpPort = httpPort;
        Host = host;
    }

    public string Name { get; }

    /// <summary>The HTTP port (0 for redis-server).</summary>
    public int HttpPort { get; }

    /// <summary>The address its HTTP port listens on (127.0.0.1, or its network namespace's address).</summary>
    public string Host { get; }

    /// <summary>The file its output goes to.</summary>
    public string LogPath { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, int httpPort = 0, string host = "127.0.0.1")
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var managed = new ManagedProcess(name, process, log, httpPort, host, logPath);
        process.OutputDataReceived += (_, e) => managed.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            throw new ExperimentException($"{fileName} could not be started ({e.Message}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Polls GET /health/ready every 100 ms until it answers 200; fails with the log's last lines if the process exits or times out.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{Host}:{HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new ExperimentException($"{Name} exited with code {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer on a busy machine: ask again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new ExperimentException($"{Name} was not ready after {timeout.TotalSeconds:0} s:\n{Tail()}");
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
        _ = SendSignal(_process.Id, 15);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        return clock.Elapsed;
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _ = CpuTime;
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public string Tail() => string.Join('\n', _tail.TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        _tail.Enqueue(line);
        while (_tail.Count > 200)
        {
            _tail.TryDequeue(out _);
        }
    }
}
