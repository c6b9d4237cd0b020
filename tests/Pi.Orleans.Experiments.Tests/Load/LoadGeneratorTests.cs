using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Tests.Load;

public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task ClosedLoopTalliesEveryAnswerByItsStatusCode()
    {
        await using var api = new StubApi();
        using var generator = new LoadGenerator(api.Url);

        // Seeds 1..9: 1, 4, 7 are accepted; 2, 5, 8 refused as invalid; 3, 6, 9 throttled with Retry-After.
        var result = await generator.RunAsync(new ClosedLoopProfile(3, new RequestShape("distributed", 1000), Requests: 9), TestContext.Current.CancellationToken);

        Assert.Equal(
            [("submit distributed", "202", 3), ("submit distributed", "400", 3), ("submit distributed", "429+Retry-After", 3)],
            result.Tally);
        Assert.Equal(3, result.Accepted.Count);
        Assert.Equal(6, result.Errors);
        Assert.False(result.Cancelled);
    }

    [Fact]
    public async Task AFollowedCalculationIsReadUntilItEnds()
    {
        await using var api = new StubApi();
        using var generator = new LoadGenerator(api.Url);

        var result = await generator.RunAsync(new ClosedLoopProfile(1, RequestShape.Parse("distributed:1e3:follow"), Requests: 1), TestContext.Current.CancellationToken);

        Assert.Equal([("read", "200", 1), ("submit distributed", "202", 1)], result.Tally);
        Assert.Equal("completed", Assert.Single(result.Calculations).Latest.Status);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public async Task WarmupRequestsAreSentButNotRecorded()
    {
        await using var api = new StubApi();
        using var generator = new LoadGenerator(api.Url);

        var result = await generator.RunAsync(new ClosedLoopProfile(2, new RequestShape("single", 1000), Requests: 6, WarmupRequests: 4), TestContext.Current.CancellationToken);

        Assert.Equal(10, api.Posts);
        Assert.Equal(6, result.Requests.Count);
    }

    [Fact]
    public async Task ARequestThatGetsNoAnswerIsTalliedAsNoAnswer()
    {
        using var generator = new LoadGenerator(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));

        var result = await generator.RunAsync(new ClosedLoopProfile(1, new RequestShape("single", 1000), Requests: 2), TestContext.Current.CancellationToken);

        Assert.Equal([("submit single", RequestRecord.NoAnswer, 2)], result.Tally);
    }

    [Fact]
    public async Task CancellingARunReturnsWhatItGotSoFar()
    {
        await using var api = new StubApi { ReleaseAfterPosts = 5 };
        using var generator = new LoadGenerator(api.Url);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = generator.RunAsync(new ClosedLoopProfile(1, new RequestShape("single", 1000), Duration: TimeSpan.FromHours(1)), cancel.Token);
        await api.PostsReached.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(result.Cancelled);
        Assert.True(result.Requests.Count >= 4);
    }

    [Fact]
    public async Task ARunningLoadShowsItsAcceptedCalculationsBeforeItEnds()
    {
        await using var api = new StubApi { ReleaseAfterPosts = 4 };
        using var generator = new LoadGenerator(api.Url);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Seeds 1, 2, 3, 4: 1 and 4 accepted by the time the fourth POST arrives.
        var run = generator.Start(new ClosedLoopProfile(1, new RequestShape("distributed", 1000), Duration: TimeSpan.FromHours(1)), cancel.Token);
        await api.PostsReached.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        var result = await run.Result.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(run.Calculations.Count >= 1);
        Assert.Equal(result.Calculations.Count, run.Calculations.Count);
    }

    [Fact]
    public async Task AStepWithACountSendsExactlyThatManyWithItsSeeds()
    {
        await using var api = new StubApi();
        using var generator = new LoadGenerator(api.Url);
        var profile = new StepsProfile([new LoadStepSpec("burst", TimeSpan.Zero, 2, new RequestShape("distributed", 1000), Count: 4, Seed: 1, SeedStep: 3)]);

        var result = await generator.RunAsync(profile, TestContext.Current.CancellationToken);

        // Seeds 1, 4, 7, 10: every one accepted.
        Assert.Equal([("submit distributed", "202", 4)], result.Tally);
        Assert.Equal(new ulong[] { 1, 4, 7, 10 }, result.Calculations.Select(c => c.Seed).Order());
        Assert.All(result.Calculations, c => Assert.Equal("burst", c.Phase));
    }
}
