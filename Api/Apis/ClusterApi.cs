using Pi.Orleans.Api.Cluster;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Apis;

/// <summary>The cluster as Orleans sees it: active silos and their chunk slots.</summary>
public static class ClusterApi
{
    /// <summary>Maps /api/cluster.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", GetAsync).WithName("GetCluster").WithTags("Cluster")
            .WithSummary("Active silos with their slot numbers (total, used, queued).")
            .WithDescription("Every active silo as Orleans' membership lists it, whether it runs chunks, and the cluster's slot totals; 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<ClusterInfo> GetAsync(SiloDirectory directory, CancellationToken cancellationToken)
    {
        var silos = await directory.ReadAsync(cancellationToken);
        var workers = silos.Where(s => s.RunsChunks).ToList();
        return new ClusterInfo
        {
            Silos = silos,
            SlotsTotal = workers.Sum(s => s.SlotsTotal),
            SlotsUsed = workers.Sum(s => s.SlotsUsed),
            SlotsQueued = workers.Sum(s => s.SlotsQueued),
        };
    }
}
