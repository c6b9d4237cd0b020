using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Tests.Load;

public sealed class LoadProfileParsingTests
{
    [Theory]
    [InlineData("single:1e6", "single", 1_000_000L, false)]
    [InlineData("distributed:2.5e9:follow", "distributed", 2_500_000_000L, true)]
    [InlineData("single:65536", "single", 65_536L, false)]
    public void ARequestShapeReadsItsModePointsAndFollow(string text, string mode, long points, bool follow) =>
        Assert.Equal(new RequestShape(mode, points, follow), RequestShape.Parse(text));

    [Theory]
    [InlineData("single")]
    [InlineData("batch:1e6")]
    [InlineData("single:1.5")]
    [InlineData("single:1e6:later")]
    public void AMalformedRequestShapeIsRefused(string text) => Assert.Throws<FormatException>(() => RequestShape.Parse(text));

    [Fact]
    public void AnInlineStepReadsItsSecondsClientsAndRequest()
    {
        var step = LoadStepSpec.Parse("30:4:single:1e6", 0);

        Assert.Equal(("step-1", TimeSpan.FromSeconds(30), 4, new RequestShape("single", 1_000_000)), (step.Phase, step.Duration, step.Clients, step.Request));
        Assert.True(LoadStepSpec.Parse("10:0", 1).IsIdle);
    }

    [Fact]
    public void TheAutoscaleScriptReadsAsSteps()
    {
        var profile = StepsScript.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "experiments", "autoscale-load.json")));

        Assert.Equal(["idle", "burst", "small", "idle"], profile.Steps.Select(s => s.Phase));
        var burst = profile.Steps[1];
        Assert.Equal((1, 3, 130_000_000_000L, true), (burst.Clients, burst.Count, burst.Request!.Points, burst.Wait));
        var small = profile.Steps[2];
        Assert.Equal((TimeSpan.FromSeconds(5), 2UL), (small.Think, small.SeedOf(1)));
    }

    [Fact]
    public void AScriptThatSendsNothingIsRefused() =>
        Assert.Throws<FormatException>(() => StepsScript.Parse("""{"steps": [{"phase": "idle", "seconds": 5}]}"""));

    [Fact]
    public void TheCommandLineBuildsEachProfile()
    {
        var command = new LoadCommand(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings()));

        Assert.Equal(new ClosedLoopProfile(8, new RequestShape("single", 1_000_000), 100, TimeSpan.FromSeconds(60), 10),
            command.ProfileOf(command.Parse("--profile closed --clients 8 --requests 100 --warmup-requests 10")));
        Assert.IsType<MixProfile>(command.ProfileOf(command.Parse("--profile mix --duration 5 --warmup 1")));
        Assert.Equal(2, Assert.IsType<StepsProfile>(command.ProfileOf(command.Parse("--profile steps --step 5:2:single:1e6 --step 3:0"))).Steps.Count);
        Assert.Equal(4, Assert.IsType<ChaosMenuProfile>(command.ProfileOf(command.Parse("--profile chaos --in-flight 4 --menu small"))).InFlight);
    }
}
