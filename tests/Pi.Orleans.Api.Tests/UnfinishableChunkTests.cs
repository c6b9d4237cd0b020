using System.Net;
using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;
using Pi.Orleans.Contracts;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Tests;

public sealed class UnfinishableChunkTests
{
    // 2^36 points, about 20-60 s on one slot of today's CPUs: far past the 6.25 s a chunk may take.
    private const long HugeChunk = 1L << 36;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    // One chunk at most, so the plan cannot cut the work finer: a calculation of 2^36 points would time out on every attempt.
    [Fact]
    public async Task ASubmissionWhoseChunksCouldNotFinishInTimeIsRefusedWithTheReasonAndASmallerOneIsAccepted()
    {
        await using var api = InProcessApi.With(new Dictionary<string, string>
        {
            ["Pi:MaxChunks"] = "1",
            ["Pi:ChunkPoints"] = HugeChunk.ToString(),
            ["Pi:MaxTotalPoints"] = HugeChunk.ToString(),
        });
        await Eventually.ReachesAsync<Estimate>(
            async token => await api.Client.EstimateAsync(HugeChunk, null, null, token),
            e => e.ExpectedDurationS is not null,
            TimeSpan.FromSeconds(30),
            e => $"no measured rate yet: {e}",
            Token);

        using var refused = await api.Http.SubmitAsync(new { total_points = HugeChunk, mode = "distributed", seed = 1 }, Token);
        using var accepted = await api.Http.SubmitAsync(new { total_points = 1L << 24, mode = "distributed", seed = 1 }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Token));
        var reason = problem.RootElement.GetProperty("errors").GetProperty("total_points")[0].GetString();
        Assert.Contains("points/s per slot", reason, StringComparison.Ordinal);
        Assert.Contains("Orleans' response timeout", reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // The Api refuses in the words of the planner the grain calls: its body chunk is every point, whatever the rate
        // and the slots (which only shape the tapered tail, so the count is left free).
        var planned = ChunkPlanner.Plan(HugeChunk, [new SiloSlots("s", 1, 0, 0, true, 0, 0, "s", 1e9)], UnfinishableOptions.ToPlanning());
        Assert.True(planned.IsRefused);
        Assert.Matches($"^{HugeChunk} points need [0-9]+ chunks of {planned.Plan.ChunkPoints} points, ", reason);
    }

    private static PiOptions UnfinishableOptions => new() { MaxChunks = 1, ChunkPoints = HugeChunk, MaxTotalPoints = HugeChunk };
}
