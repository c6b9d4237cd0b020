using Microsoft.Extensions.Hosting;

namespace Pi.Orleans.Hosting;

/// <summary>Starts prometheus-net's meter adapter when the host starts and keeps it for the life of the process.</summary>
internal sealed class PrometheusMeters : IHostedService
{
    private static readonly object Gate = new();
    private static IDisposable? _listening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // One adapter per process, even when a test host starts several silos in it.
        lock (Gate)
        {
            _listening ??= TelemetryExtensions.StartPrometheusMeters();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
