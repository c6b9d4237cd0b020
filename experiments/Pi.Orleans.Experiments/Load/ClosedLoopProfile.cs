using System.Globalization;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// <paramref name="Clients"/> clients, each sending <paramref name="Request"/> and waiting for its answer (and its end, when the
/// shape follows) before the next: <paramref name="Requests"/> in all when given, else for <paramref name="Duration"/>. Seeds
/// are 1, 2, 3…; <paramref name="WarmupRequests"/> go first, unrecorded (JIT, connection pool, grain activations).
/// </summary>
public sealed record ClosedLoopProfile(int Clients, RequestShape Request, int Requests = 0, TimeSpan Duration = default, int WarmupRequests = 0) : LoadProfile
{
    public override string Name => "closed";

    public override string Describe() => Requests > 0
        ? string.Create(CultureInfo.InvariantCulture, $"clients={Clients} request={Request} requests={Requests} warmup_requests={WarmupRequests}")
        : string.Create(CultureInfo.InvariantCulture, $"clients={Clients} request={Request} duration_s={Duration.TotalSeconds:0.#} warmup_requests={WarmupRequests}");

    internal override async Task DriveAsync(LoadDriver driver, CancellationToken cancellationToken)
    {
        if (Clients < 1 || (Requests < 1 && Duration <= TimeSpan.Zero))
        {
            throw new ArgumentException("A closed loop needs clients >= 1 and a number of requests or a duration.");
        }

        if (WarmupRequests > 0)
        {
            driver.Pause();
            await LoopAsync(driver, WarmupRequests, null, cancellationToken);
            driver.StartMeasuring();
        }

        var until = Requests > 0 ? (TimeSpan?)null : driver.Elapsed + Duration;
        await LoopAsync(driver, Requests > 0 ? Requests : int.MaxValue, until, cancellationToken);
    }

    private Task LoopAsync(LoadDriver driver, int requests, TimeSpan? until, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests && (until is null || driver.Elapsed < until); i = Interlocked.Increment(ref next))
            {
                var calculation = await driver.SubmitAsync(Name, Request, (ulong)i + 1, cancellationToken);
                if (Request.Follow && calculation is { IsFinished: false })
                {
                    await driver.FollowAsync(calculation.Id, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(120), cancellationToken);
                }
            }
        }));
    }
}
