using Pi.Orleans.Api.Contracts;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Api.Apis;

/// <summary>The cluster as Orleans sees it: active silos and their chunk slots.</summary>
public static class ClusterApi
{
    /// <summary>Maps /api/cluster.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", GetAsync).WithName("GetCluster").WithTags("Cluster")
            .WithSummary("Active silos with their slot numbers (total, used, queued).");
        return app;
    }

    private static async Task<ClusterResponse> GetAsync(IGrainFactory grains, ClusterSlots slots, CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var bySilo = (await slots.ReadAsync(cancellationToken)).ToDictionary(s => s.Silo);
        var silos = hosts
            .Select(h => (Host: h, Slots: bySilo.GetValueOrDefault(h.SiloAddress.ToParsableString())))
            .Select(x => new SiloResponse(
                x.Host.SiloAddress.ToParsableString(),
                x.Host.SiloName,
                x.Host.Status.ToString(),
                x.Slots?.RunsChunks ?? false,
                x.Slots?.Total ?? 0,
                x.Slots?.Used ?? 0,
                x.Slots?.Queued ?? 0,
                x.Slots?.ChunksCompleted ?? 0))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var workers = silos.Where(s => s.RunsChunks).ToList();
        return new ClusterResponse(silos, workers.Sum(s => s.SlotsTotal), workers.Sum(s => s.SlotsUsed), workers.Sum(s => s.SlotsQueued));
    }
}
