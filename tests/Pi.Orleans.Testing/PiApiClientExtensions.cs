using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Testing;

/// <summary>Waits of the tests on top of the typed client.</summary>
public static class PiApiClientExtensions
{
    /// <summary>Reads the calculation until it is no longer pending or running, within <paramref name="timeout"/>.</summary>
    public static Task<Calculation> WaitFinishedAsync(this PiApiClient client, Guid id, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.ReachesAsync<Calculation>(
            async token => await client.GetAsync(id, token),
            c => c.IsFinished,
            timeout,
            c => $"calculation {id} still {c?.Status} ({c?.ChunksDone}/{c?.ChunksTotal} chunks)",
            cancellationToken);
}
