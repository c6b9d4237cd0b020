using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Pi.Orleans.Api.Contracts;
using Pi.Orleans.Api.Estimates;

namespace Pi.Orleans.Api.Progress;

/// <summary>
/// The events of one calculation: a `progress` event for every update the grain pushes to an observer, then one event
/// named after the final status carrying the whole calculation. The subscription is renewed every 5 s, which also
/// re-attaches it if the calculation moved to another silo.
/// </summary>
internal sealed class ProgressStream(IGrainFactory grains, ThroughputReader throughput, TimeProvider time)
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<SseItem<object>> ReadAsync(Guid id, CalculationMode mode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<ICalculationGrain>(id);
        var observer = new ChannelProgressObserver();
        var reference = grains.CreateObjectReference<IProgressObserver>(observer);
        try
        {
            var current = await grain.SubscribeAsync(reference);
            while (current is not null && current.Status.IsActive())
            {
                var speed = await throughput.ReadAsync(cancellationToken);
                yield return new SseItem<object>(ProgressUpdates.From(current, mode, speed), "progress");
                current = await NextAsync(grain, reference, observer, current, cancellationToken);
            }

            var final = await grain.GetAsync();
            if (final is not null)
            {
                yield return new SseItem<object>(CalculationResponses.From(final, time.GetUtcNow()), final.Status.ToString().ToLowerInvariant());
            }
        }
        finally
        {
            await UnsubscribeQuietlyAsync(grain, reference);
            grains.DeleteObjectReference<IProgressObserver>(reference);
        }
    }


    private static async Task<CalculationProgress?> NextAsync(
        ICalculationGrain grain, IProgressObserver reference, ChannelProgressObserver observer, CalculationProgress current, CancellationToken cancellationToken)
    {
        using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        renew.CancelAfter(Renew);
        try
        {
            return await observer.Updates.ReadAsync(renew.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await grain.SubscribeAsync(reference) ?? current;
        }
    }

    private static async Task UnsubscribeQuietlyAsync(ICalculationGrain grain, IProgressObserver reference)
    {
        try
        {
            await grain.UnsubscribeAsync(reference);
        }
        catch (Exception)
        {
            // The subscription lapses by itself after its lease.
        }
    }
}
