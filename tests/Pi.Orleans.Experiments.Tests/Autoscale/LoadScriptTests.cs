using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Tests.Load;

namespace Pi.Orleans.Experiments.Tests.Autoscale;

public sealed class LoadScriptTests
{
    [Fact]
    public void PointsAreReadExactlyFromStringsAndNumbers()
    {
        var script = StepsScript.Parse("""
            {"steps": [{"phase": "burst", "count": 2, "points": "1.3e11", "seed": 5, "seed_step": 2}, {"count": 1, "points": 4e9, "every_seconds": 5},
                       {"phase": "idle", "seconds": 3}]}
            """);

        Assert.Equal([130_000_000_000L, 4_000_000_000L], script.Steps.Where(s => !s.IsIdle).Select(s => s.Request!.Points));
        Assert.Equal([5UL, 7UL], new[] { 0, 1 }.Select(script.Steps[0].SeedOf));
        Assert.Equal("step-2", script.Steps[1].Phase);
        Assert.Equal(TimeSpan.FromSeconds(3), script.Steps[2].Duration);
    }

    [Fact]
    public void AScriptThatSubmitsNothingIsRefusedWithTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pi-load-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"steps": [{"phase": "idle", "seconds": 10}]}""");
        try
        {
            var e = Assert.Throws<ExperimentException>(() => StepsScript.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ANegativePauseBetweenSubmissionsIsRefused() =>
        Assert.Throws<FormatException>(() => StepsScript.Parse("""{"steps": [{"count": 2, "points": "1e9", "every_seconds": -1}]}"""));

    [Fact]
    public void TheCommittedLoadFilesParse()
    {
        foreach (var file in new[] { "experiments/autoscale-load.json", "tests/Pi.Orleans.Experiments.Tests/Autoscale/short-load.json" })
        {
            Assert.Contains(StepsScript.Read(Path.Combine(RepositoryPaths.Root, file)).Steps, s => s.Count > 0);
        }
    }

    [Fact]
    public void TheCommittedScriptPlansTheSubmissionsTheAutoscaleRunnerMade()
    {
        var script = StepsScript.Read(Path.Combine(RepositoryPaths.Root, "experiments/autoscale-load.json"));

        // What the experiment's own LoadScript and LoadRunner submitted for this file, one client a step, before the steps profile replaced them.
        Assert.Equal(
            [.. Enumerable.Repeat(("burst", "distributed", 42UL, 130_000_000_000L), 3), .. Enumerable.Range(1, 8).Select(s => ("small", "distributed", (ulong)s, 4_000_000_000L))],
            script.Steps.Where(s => !s.IsIdle).SelectMany(s => Enumerable.Range(0, s.Count).Select(i => (s.Phase, s.Request!.Mode, s.SeedOf(i), s.Request.Points))));
        Assert.Equal(
            [("idle", 0, TimeSpan.FromSeconds(20), TimeSpan.Zero, false), ("burst", 1, TimeSpan.Zero, TimeSpan.Zero, true),
             ("small", 1, TimeSpan.Zero, TimeSpan.FromSeconds(5), false), ("idle", 0, TimeSpan.FromSeconds(5), TimeSpan.Zero, false)],
            script.Steps.Select(s => (s.Phase, s.Clients, s.Duration, s.Think, s.Wait)));
    }

    [Fact]
    public async Task TheShortScriptSendsTheRunnersSubmissionsInOrderThroughTheGenerator()
    {
        await using var api = new StubApi { AcceptAll = true };
        using var generator = new LoadGenerator(api.Url);

        var result = await generator.RunAsync(
            StepsScript.Read(Path.Combine(RepositoryPaths.Root, "tests/Pi.Orleans.Experiments.Tests/Autoscale/short-load.json")), TestContext.Current.CancellationToken);

        // As the autoscale LoadRunner sent them: the burst of 2 (seed 42, no seed step), then seeds 7 and 8 a second apart.
        Assert.Equal(
            [("distributed", 42UL, 10_000_000_000L), ("distributed", 42UL, 10_000_000_000L), ("distributed", 7UL, 1_000_000_000L), ("distributed", 8UL, 1_000_000_000L)],
            api.Submissions);
        Assert.Equal(["burst", "burst", "small", "small"], result.Calculations.Select(c => c.Phase));
        Assert.Equal([("submit distributed", "202", 4)], result.Tally);
    }
}
