using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class TracingTests(PiTestCluster fixture)
{
    [Fact]
    public async Task ChunkSpansOnSeveralSilosShareTheTraceOfTheRequestThatStartedTheCalculation()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(PiActivities.SourceName, "Microsoft.Orleans.Application", TestSource.Name)
            .AddInMemoryExporter(spans)
            .Build();

        ActivityTraceId traceId;
        CalculationSnapshot done;
        using (var request = TestSource.StartActivity("http request"))
        {
            traceId = request!.TraceId;
            var grain = await fixture.StartAsync(60 * PiTestCluster.ChunkPoints, CalculationMode.Distributed, seed: 13);
            done = await PiTestCluster.WaitAsync(grain, PiTestCluster.Finished, TimeSpan.FromSeconds(60));
        }

        // The calculation span ends when its run returns, just after the state reads completed.
        await Eventually.HoldsAsync(_ => Task.FromResult(Exported(spans, done.Id)), TimeSpan.FromSeconds(5), () => "the calculation span is not exported", TestContext.Current.CancellationToken);

        var calculation = Assert.Single(Snapshot(spans), s => s.OperationName == "pi.calculation" && Equals(s.GetTagItem("pi.calculation.id"), done.Id));
        var chunks = Snapshot(spans).Where(s => s.OperationName == "pi.chunk" && (s.GetTagItem("pi.chunk.key") as string ?? "").StartsWith($"{done.Id:N}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(traceId, calculation.TraceId);
        // One span per attempt: a duplicate of an overdue attempt (a busy machine) adds a span for the same chunk.
        Assert.Equal(done.ChunksTotal, chunks.Select(c => ((string)c.GetTagItem("pi.chunk.key")!).Split('/')[1]).Distinct().Count());
        Assert.All(chunks, c => Assert.Equal(traceId, c.TraceId));
        var silos = chunks.Select(c => c.GetTagItem("pi.silo")).Distinct().Count();
        Assert.True(silos >= 2, $"chunk spans came from {silos} silo(s)");
    }

    private static readonly ActivitySource TestSource = new("Pi.Orleans.Tests");

    // The exporter appends on the threads that end spans; ToArray copies without enumerating, so it never sees a torn list.
    private static Activity[] Snapshot(List<Activity> spans) => spans.ToArray();

    private static bool Exported(List<Activity> spans, Guid id) =>
        Snapshot(spans).Any(s => s.OperationName == "pi.calculation" && Equals(s.GetTagItem("pi.calculation.id"), id));
}
