using Pi.Orleans.Api.Cluster;
using Pi.Orleans.Api.Contracts;

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

    private static async Task<ClusterResponse> GetAsync(SiloDirectory directory, CancellationToken cancellationToken)
    {
        var silos = await directory.ReadAsync(cancellationToken);
        var workers = silos.Where(s => s.RunsChunks).ToList();
        return new ClusterResponse(silos, workers.Sum(s => s.SlotsTotal), workers.Sum(s => s.SlotsUsed), workers.Sum(s => s.SlotsQueued));
    }
}
