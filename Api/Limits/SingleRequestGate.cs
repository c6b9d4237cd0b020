using Microsoft.Extensions.Options;

namespace Pi.Orleans.Api.Limits;

/// <summary>Bounds how many single-mode requests wait for their answer at once; a request over the bound is turned away, not queued.</summary>
public sealed class SingleRequestGate(IOptions<LimitsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSingleRequests, options.Value.MaxConcurrentSingleRequests);

    /// <summary>A lease for requests that need none.</summary>
    public static IDisposable NotNeeded { get; } = new Lease(null);

    /// <summary>A lease to dispose when the answer is sent, or null when every place is taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Lease(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim? slots) : IDisposable
    {
        private SemaphoreSlim? _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
