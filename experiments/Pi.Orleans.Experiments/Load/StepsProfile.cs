namespace Pi.Orleans.Experiments.Load;

/// <summary>A scripted load: its steps, one after the other (see <see cref="LoadStepSpec"/>).</summary>
public sealed record StepsProfile(IReadOnlyList<LoadStepSpec> Steps, string Description = "") : LoadProfile
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(500);

    public override string Name => "steps";

    public override string Describe() => string.Join("; ", Steps);

    internal override async Task DriveAsync(LoadDriver driver, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            driver.Phase = step.Phase;
            if (step.IsIdle)
            {
                await Task.Delay(step.Duration, cancellationToken);
                continue;
            }

            var ids = await SendAsync(driver, step, cancellationToken);
            if (step.Wait)
            {
                while (driver.Calculations.Any(c => ids.Contains(c.Latest.Id) && !c.IsFinal))
                {
                    await Task.Delay(ReadEvery, cancellationToken);
                    await driver.ReadRunningAsync(cancellationToken);
                }
            }

            if (step.Count > 0)
            {
                await Task.Delay(step.Duration, cancellationToken);
            }
        }
    }

    private static async Task<HashSet<Guid>> SendAsync(LoadDriver driver, LoadStepSpec step, CancellationToken cancellationToken)
    {
        var request = step.Request!;
        var until = driver.Elapsed + step.Duration;
        var ids = new HashSet<Guid>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, step.Clients).Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); step.Count > 0 ? i < step.Count : driver.Elapsed < until; i = Interlocked.Increment(ref next))
            {
                if (step.Think > TimeSpan.Zero && i >= step.Clients)
                {
                    await Task.Delay(step.Think, cancellationToken);
                }

                var calculation = await driver.SubmitAsync(step.Phase, request, step.SeedOf(i), cancellationToken);
                if (calculation is null)
                {
                    continue;
                }

                lock (ids)
                {
                    ids.Add(calculation.Id);
                }

                if (request.Follow && !calculation.IsFinished)
                {
                    await driver.FollowAsync(calculation.Id, TimeSpan.FromMilliseconds(200), MixProfile.FinishWithin, cancellationToken);
                }
            }
        }));
        return ids;
    }
}
