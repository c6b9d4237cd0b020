using Pi.Orleans.Experiments.Autoscale;

namespace Pi.Orleans.Experiments.Tests.Autoscale;

public sealed class LoadScriptTests
{
    [Fact]
    public void PointsAreReadExactlyFromStringsAndNumbers()
    {
        var script = LoadScript.Parse("""
            {"steps": [{"phase": "burst", "count": 2, "points": "1.3e11", "seed": 5, "seed_step": 2}, {"count": 1, "points": 4e9, "every_seconds": 5},
                       {"phase": "idle", "seconds": 3}]}
            """);

        Assert.Equal([130_000_000_000L, 4_000_000_000L, 0L], script.Steps.Select(s => s.Points));
        Assert.Equal([5UL, 7UL], new[] { 0, 1 }.Select(script.Steps[0].SeedOf));
        Assert.Equal("step-2", script.Steps[1].Phase);
        Assert.Equal(3, script.Steps[2].Seconds);
    }

    [Fact]
    public void AScriptThatSubmitsNothingIsRefusedWithTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pi-load-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"steps": [{"phase": "idle", "seconds": 10}]}""");
        try
        {
            var e = Assert.Throws<ExperimentException>(() => LoadScript.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheCommittedLoadFilesParse()
    {
        foreach (var file in new[] { "experiments/autoscale-load.json", "tests/Pi.Orleans.Experiments.Tests/Autoscale/short-load.json" })
        {
            Assert.Contains(LoadScript.Read(Path.Combine(RepositoryPaths.Root, file)).Steps, s => s.Count > 0);
        }
    }
}
