namespace Pi.Orleans.Harness;

/// <summary>
/// One Api or Silo process slot of a <see cref="LocalCluster"/>: its name, HTTP and Orleans ports, arguments and settings stay
/// the same when it is restarted, as a pod's would.
/// </summary>
public sealed class LocalMember : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string? _logPath;
    private readonly bool _detached;
    private readonly IReadOnlyList<string> _prefix;
    private readonly TimeSpan _readyTimeout;

    internal LocalMember(
        string name, string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, LocalPlacement placement,
        string? logPath, bool detached, TimeSpan readyTimeout)
    {
        (Name, _dll, _arguments, _environment, Host, Ports, _prefix) = (name, dll, arguments, environment, placement.Host, placement.Ports, placement.Prefix);
        (_logPath, _detached, _readyTimeout) = (logPath, detached, readyTimeout);
    }

    /// <summary>The silo name, e.g. front or worker-1.</summary>
    public string Name { get; }

    /// <summary>The address it binds and advertises.</summary>
    public string Host { get; }

    /// <summary>Its HTTP, silo and gateway ports.</summary>
    public LocalPorts Ports { get; }

    /// <summary>The process running now (or the last one, if it exited).</summary>
    public HostProcess Process { get; private set; } = null!;

    /// <summary>The log file of the current process, if any.</summary>
    public string? LogPath => StartLog.PathOf(_logPath, Starts);

    /// <summary>How many processes were started here.</summary>
    public int Starts { get; private set; }

    /// <summary>Whether a process was started and has not exited.</summary>
    public bool IsRunning => Process is { HasExited: false };

    /// <summary>Starts a new process without waiting until it is ready; the previous one must have exited.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is still running.");
        }

        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        Start();
    }

    /// <summary>Starts the first process.</summary>
    internal void Start()
    {
        Starts++;
        // The build output holds appsettings.json; the content root is the working directory.
        string[] command = [.. _prefix, "dotnet", _dll, "--urls", $"http://{Host}:{Ports.Http}", .. _arguments];
        var directory = Path.GetDirectoryName(_dll);
        Process = _detached
            ? HostProcess.StartDetached(Name, command[0], command[1..], _environment, LogPath!, Ports.Http, directory)
            : HostProcess.StartProgram(Name, command[0], command[1..], _environment, LogPath, Ports.Http, Host, directory);
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => Process.WaitReadyAsync(_readyTimeout, cancellationToken);

    /// <summary>SIGKILL, at once.</summary>
    public void Kill() => Process.Kill();

    /// <summary>SIGTERM, then SIGKILL after <paramref name="timeout"/>; returns how long the exit took.</summary>
    public Task<TimeSpan> StopAsync(TimeSpan timeout) => Process?.StopAsync(timeout) ?? Task.FromResult(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }
}
