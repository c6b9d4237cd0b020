using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Pi.Orleans.Hosting;

/// <summary>
/// The first hosted service: taking the MeterProvider builds it, so it listens before the Orleans silo starts and sees every
/// measurement from the start (a measurement made before any listener is lost, e.g. the zeros <c>PiInstruments</c> records).
/// </summary>
internal sealed class MeterProviderFirst(MeterProvider meterProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(meterProvider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
