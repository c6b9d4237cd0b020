using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Testing;

/// <summary>Waits of the tests on top of the typed client.</summary>
public static class PiApiClientExtensions
{
    /// <summary>Reads the calculation until it is no longer pending or running, within <paramref name="timeout"/>.</summary>
    public static Task<Calculation> WaitFinishedAsync(this PiApiClient client, Guid id, TimeSpan timeout, CancellationToken cancellationToken) =>
        client.WaitUntilAsync(id, c => c.IsFinished, timeout, cancellationToken);

    /// <summary>Reads the calculation until <paramref name="done"/> holds, within <paramref name="timeout"/>.</summary>
    public static Task<Calculation> WaitUntilAsync(this PiApiClient client, Guid id, Func<Calculation, bool> done, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.ReachesAsync<Calculation>(
            async token => await client.GetAsync(id, token),
            done,
            timeout,
            c => $"calculation {id} still {c?.Status} ({c?.ChunksDone}/{c?.ChunksTotal} chunks)",
            cancellationToken);
}
