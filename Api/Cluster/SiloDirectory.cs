using Pi.Orleans.Contracts;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Cluster;

/// <summary>The active silos as Orleans membership lists them, joined with the slots each one reports.</summary>
public sealed class SiloDirectory(IGrainFactory grains, IClusterReadings slots)
{
    /// <summary>Every active silo, by name.</summary>
    public async Task<IReadOnlyList<SiloInfo>> ReadAsync(CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken);
        var bySilo = (await slots.ReadAsync(cancellationToken)).ToDictionary(s => s.Silo);
        return [.. hosts
            .Select(h => (Host: h, Slots: bySilo.GetValueOrDefault(h.SiloAddress.ToParsableString())))
            .Select(x => new SiloInfo
            {
                Address = x.Host.SiloAddress.ToParsableString(),
                Name = x.Host.SiloName,
                Status = x.Host.Status.ToString(),
                RunsChunks = x.Slots?.RunsChunks ?? false,
                SlotsTotal = x.Slots?.Total ?? 0,
                SlotsUsed = x.Slots?.Used ?? 0,
                SlotsQueued = x.Slots?.Queued ?? 0,
                ChunksCompleted = x.Slots?.ChunksCompleted ?? 0,
                PendingChunks = x.Slots?.PendingChunks ?? 0,
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }
}
