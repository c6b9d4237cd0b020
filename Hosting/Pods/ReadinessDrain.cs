using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>
/// On shutdown, waits <see cref="ShutdownOptions.ReadinessDelay"/> before anything stops: /health/ready already answers 503
/// (the host is stopping) while Kestrel still serves, so Kubernetes takes the pod out of its endpoints before the silo leaves.
/// </summary>
internal sealed partial class ReadinessDrain(IOptions<ShutdownOptions> options, ILogger<ReadinessDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.ReadinessDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown budget ran out: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready; waiting {Seconds} s for Kubernetes to drop this pod from its endpoints")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
