using System.Globalization;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// The weighted mix of the load test: <paramref name="Clients"/> clients, each looping "submit a distributed calculation of
/// <paramref name="DistributedPoints"/>, read its status every <paramref name="PollEvery"/> until it ends, submit a single one
/// of <paramref name="SinglePoints"/>, pause <paramref name="ThinkTime"/>", for <paramref name="Warmup"/> (not recorded) and then
/// <paramref name="Duration"/>. Clients start spread over the first second; seeds are random.
/// </summary>
public sealed record MixProfile(
    int Clients, TimeSpan Warmup, TimeSpan Duration, long DistributedPoints, long SinglePoints, TimeSpan PollEvery, TimeSpan ThinkTime) : LoadProfile
{
    /// <summary>How long a distributed calculation may run before the client counts it unfinished and goes on.</summary>
    public static readonly TimeSpan FinishWithin = TimeSpan.FromSeconds(120);

    public override string Name => "mix";

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"clients={Clients} warmup_s={Warmup.TotalSeconds:0.#} duration_s={Duration.TotalSeconds:0.#} distributed_points={DistributedPoints} single_points={SinglePoints} poll_ms={PollEvery.TotalMilliseconds:0} think_ms={ThinkTime.TotalMilliseconds:0}");

    internal override async Task DriveAsync(LoadDriver driver, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clients = Enumerable.Range(0, Clients).Select(_ => ClientAsync(driver, stop.Token, cancellationToken)).ToList();
        driver.Pause();
        await Task.Delay(Warmup, cancellationToken);
        driver.StartMeasuring();
        await Task.Delay(Duration, cancellationToken);
        driver.StopMeasuring();
        await stop.CancelAsync();
        await Task.WhenAll(clients);
    }

    private async Task ClientAsync(LoadDriver driver, CancellationToken stop, CancellationToken cancellationToken)
    {
        var distributed = new RequestShape("distributed", DistributedPoints, Follow: true);
        var single = new RequestShape("single", SinglePoints);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1000)), stop);
            while (!stop.IsCancellationRequested)
            {
                if (await driver.SubmitAsync(Name, distributed, Seed(), cancellationToken) is { IsFinished: false } c)
                {
                    await driver.FollowAsync(c.Id, PollEvery, FinishWithin, stop);
                }

                await driver.SubmitAsync(Name, single, Seed(), cancellationToken);
                await Task.Delay(ThinkTime, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static ulong Seed() => (ulong)Random.Shared.NextInt64(1, 1L << 52);
}
