namespace Pi.Orleans.Api.Scaling;

/// <summary>Recomputes the scaling signal every 5 s so its gauges stay current between scrapes.</summary>
internal sealed partial class ScalingRefresher(ScalingSignal signal, ILogger<ScalingRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await signal.ComputeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scaling signal not refreshed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
