using System.Diagnostics;

namespace Pi.Orleans.Harness;

/// <summary>Polls until a condition holds; past the bound it fails with a description of the last state seen.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; a null read (no answer yet) is simply tried again.</summary>
    public static async Task<T> ReachesAsync<T>(
        Func<CancellationToken, Task<T?>> read, Func<T, bool> done, TimeSpan timeout, Func<T?, string> describe,
        CancellationToken cancellationToken, TimeSpan? interval = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        T? last = null;
        while (true)
        {
            last = await read(cancellationToken) ?? last;
            if (last is not null && done(last))
            {
                return last;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout}: {describe(last)}");
            }

            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="sample"/> every interval until <paramref name="until"/> has completed (what a test watches while
    /// something it started runs); <paramref name="until"/> carries its own bound.
    /// </summary>
    public static Task SampleUntilAsync(Task until, Func<CancellationToken, Task> sample, CancellationToken cancellationToken, TimeSpan? interval = null) =>
        HoldsAsync(
            async token =>
            {
                if (until.IsCompleted)
                {
                    return true;
                }

                await sample(token);
                return false;
            },
            TimeSpan.MaxValue, () => "", cancellationToken, interval);

    /// <summary>Waits until <paramref name="condition"/> is true; <paramref name="describe"/> tells, at the bound, what was not reached.</summary>
    public static async Task HoldsAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition(cancellationToken))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout}: {describe()}");
            }

            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }
}
