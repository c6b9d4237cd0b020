namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>One Api or Silo process of the cluster; it keeps its name, Orleans ports and settings when it is restarted.</summary>
public sealed class ClusterMember(string name, string dll, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The silo name, e.g. worker-1.</summary>
    public string Name => name;

    /// <summary>The process running now (or the last one, if it exited).</summary>
    public HostProcess Process { get; private set; } = null!;

    /// <summary>Whether a process was started and has not exited.</summary>
    public bool IsRunning => Process is { HasExited: false };

    /// <summary>Starts a new process without waiting until it is ready; the previous one must have exited.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{name} is still running.");
        }

        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        Process = HostProcess.Start(name, dll, environment);
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => Process.WaitReadyAsync(ReadyTimeout, cancellationToken);

    /// <summary>SIGKILL, at once.</summary>
    public void Kill() => Process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }
}
