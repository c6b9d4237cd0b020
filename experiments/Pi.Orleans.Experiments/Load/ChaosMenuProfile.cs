using System.Globalization;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// The chaos soak's load: distributed calculations drawn from <paramref name="Menu"/>, kept at <paramref name="InFlight"/> in
/// flight, and a stream of single ones, for <paramref name="Duration"/>; every running calculation is read each second. Then
/// no more submissions (the ones in flight are answered first), the running ones are read until they end (at most <paramref name="DrainTimeout"/>; those still running
/// then are overdue), and every accepted one is read a last time ("final read", an unanswered read retried for a while).
/// The draws (menu entries and pauses) come from one generator seeded with <paramref name="Seed"/>, in the chaos soak's order,
/// so that a committed soak's seed gives the same submissions.
/// </summary>
public sealed record ChaosMenuProfile(LoadMenu Menu, int InFlight, int Seed, TimeSpan Duration, TimeSpan DrainTimeout) : LoadProfile
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private const int FinalReadAttempts = 30;

    public override string Name => "chaos";

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"in_flight={InFlight} seed={Seed} duration_s={Duration.TotalSeconds:0.#} drain_s={DrainTimeout.TotalSeconds:0.#} menu={Menu.Distributed.Count}+{Menu.Single.Count}");

    internal override async Task DriveAsync(LoadDriver driver, CancellationToken cancellationToken)
    {
        var random = new Random(Seed);
        using var stopSubmitting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var submitters = Task.WhenAll(
            SubmitAsync(driver, random, "distributed", Menu.Distributed, 300, 900, TimeSpan.FromSeconds(30), stopSubmitting.Token, cancellationToken),
            SubmitAsync(driver, random, "single", Menu.Single, 200, 400, TimeSpan.FromSeconds(60), stopSubmitting.Token, cancellationToken));
        var reader = ReadAsync(driver, stopReading.Token);
        await Task.Delay(Duration, cancellationToken);
        await stopSubmitting.CancelAsync();
        // A submission in flight at the stop is answered later (up to its timeout, during a fault); the drain starts once it
        // is, or a calculation accepted after the drain ended would be read once, still running, and counted as not final.
        await submitters;
        var deadline = driver.Elapsed + DrainTimeout;
        while (driver.Calculations.Any(c => !c.IsFinal) && driver.Elapsed < deadline)
        {
            await Task.Delay(ReadEvery, cancellationToken);
        }

        foreach (var running in driver.Calculations.Where(c => !c.IsFinal))
        {
            driver.GiveUp(running.Latest.Id);
        }

        await stopReading.CancelAsync();
        await reader;
        await FinalReadAsync(driver, cancellationToken);
    }

    // Every accepted calculation, final or not: its last state, or that it is gone (404).
    private static async Task FinalReadAsync(LoadDriver driver, CancellationToken cancellationToken)
    {
        foreach (var c in driver.Calculations)
        {
            for (var attempt = 0; attempt < FinalReadAttempts && !(await driver.ReadOnceAsync(c.Latest.Id, cancellationToken, "final read", ReadTimeout)).Answered; attempt++)
            {
                await Task.Delay(ReadEvery, cancellationToken);
            }
        }
    }

    private async Task SubmitAsync(
        LoadDriver driver, Random random, string mode, IReadOnlyList<(ulong Seed, long Points)> menu, int pauseMs, int jitterMs, TimeSpan timeout,
        CancellationToken stop, CancellationToken cancellationToken)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (mode == "single" || driver.Running < InFlight)
                {
                    var (seed, points) = Draw(random, menu);
                    await driver.SubmitAsync(Name, new RequestShape(mode, points), seed, cancellationToken, timeout);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(pauseMs + Draw(random, jitterMs)), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stop submitting.
        }
    }

    private static async Task ReadAsync(LoadDriver driver, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await driver.ReadRunningAsync(stop);
                await Task.Delay(ReadEvery, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak is over.
        }
    }

    private static (ulong Seed, long Points) Draw(Random random, IReadOnlyList<(ulong Seed, long Points)> menu)
    {
        lock (random)
        {
            return menu[random.Next(menu.Count)];
        }
    }

    private static int Draw(Random random, int max)
    {
        lock (random)
        {
            return random.Next(max);
        }
    }
}
