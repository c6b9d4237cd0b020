using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Experiments.Local;

/// <summary>Waits until /api/cluster lists the number of chunk-running silos an experiment expects.</summary>
internal static class ListedWorkers
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(200);

    /// <summary><paramref name="listed"/> reads the number now (null when the Api does not answer).</summary>
    public static async Task WaitAsync(Func<CancellationToken, Task<int?>> listed, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int? last = null;
        try
        {
            await Eventually.HoldsAsync(async token => (last = await listed(token) ?? last) == count, timeout, () => "", cancellationToken, ReadEvery);
        }
        catch (TimeoutException)
        {
            throw new ExperimentException(
                $"/api/cluster listed {last?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} chunk-running silos, not {count}, after {timeout.TotalSeconds:0} s.");
        }
    }
}
