namespace Pi.Orleans.Api.Http;

/// <summary>Logs, once at start, that the embedded default keeps its Data Protection keys in memory on purpose.</summary>
internal sealed partial class DataProtectionModeReport(ILogger<DataProtectionModeReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemoryKeys(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data Protection keys are kept in memory (embedded mode, no Redis): cookies this process issues are invalid after it restarts")]
    private static partial void LogInMemoryKeys(ILogger logger);
}
