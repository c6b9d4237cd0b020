using Pi.Orleans.Api.KubernetesStatus.Contracts;
using Pi.Orleans.Api.Cluster;

namespace Pi.Orleans.Api.KubernetesStatus;

/// <summary>The Orleans side of /api/k8s: active silos with their slots, and their runtime statistics.</summary>
public sealed partial class OrleansReader(IGrainFactory grains, SiloDirectory directory, ILogger<OrleansReader> logger)
{
    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The active silos with their chunk slots.</summary>
    public async Task<OrleansSilosStatus> ReadSilosAsync(CancellationToken cancellationToken)
    {
        var silos = await directory.ReadAsync(cancellationToken);
        return new OrleansSilosStatus(silos.Count, silos);
    }

    /// <summary>CPU, memory and activations of every active silo that answers within 2 s.</summary>
    public async Task<OrleansSiloMetrics> ReadMetricsAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken);
        var answers = await Task.WhenAll(hosts.Select(h => ReadOneAsync(management, h, cancellationToken)));
        return new OrleansSiloMetrics([.. answers.OfType<SiloMetricsResponse>().OrderBy(s => s.Name, StringComparer.Ordinal)]);
    }

    private async Task<SiloMetricsResponse?> ReadOneAsync(IManagementGrain management, MembershipEntry host, CancellationToken cancellationToken)
    {
        try
        {
            var stats = (await management.GetRuntimeStatistics([host.SiloAddress]).WaitAsync(SiloAnswerTimeout, cancellationToken)).Single();
            var environment = stats.EnvironmentStatistics;
            return new SiloMetricsResponse(
                host.SiloAddress.ToParsableString(),
                host.SiloName,
                environment.FilteredCpuUsagePercentage,
                environment.FilteredMemoryUsageBytes,
                environment.FilteredAvailableMemoryBytes,
                environment.MaximumAvailableMemoryBytes,
                stats.ActivationCount,
                stats.RecentlyUsedActivationCount,
                stats.IsOverloaded);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSiloDidNotAnswer(logger, host.SiloName, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} did not report its runtime statistics: {Reason}")]
    private static partial void LogSiloDidNotAnswer(ILogger logger, string silo, string reason);
}
