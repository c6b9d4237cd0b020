namespace Pi.Orleans.Grains.Slots;

/// <summary>
/// The slots' line: at most the given number of holders at once, and the waiters served in two lines, someone's synchronous
/// request (<c>first</c>) before any chunk of a distributed calculation, each line in order of arrival. A single calculation
/// holds its HTTP request open until its one chunk is counted; behind a distributed calculation's queued chunks it waited
/// seconds for well under a millisecond of sampling (the load test's mix, docs/reliability.md). The distributed calculations
/// lose what the single requests sample, which their own limits bound.
/// </summary>
internal sealed class SlotGate(int slots)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _first = new();
    private readonly LinkedList<TaskCompletionSource> _rest = new();

    // While anyone waits, no slot is free: a released slot goes straight to the next waiter.
    private int _free = slots;

    /// <summary>Waits for a slot, in the first line when <paramref name="first"/>; cancelled, the waiter leaves its line and takes no slot.</summary>
    public async Task WaitAsync(bool first, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource> waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return;
            }

            waiter = (first ? _first : _rest).AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        using (cancellationToken.Register(() => Leave(waiter, cancellationToken)))
        {
            await waiter.Value.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Gives the slot to the next waiter, the first line before the rest, or frees it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            var next = _first.First ?? _rest.First;
            if (next is null)
            {
                _free++;
                return;
            }

            next.List!.Remove(next);
            next.Value.SetResult();
        }
    }

    private void Leave(LinkedListNode<TaskCompletionSource> waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // Already given a slot (and so out of its line): the holder releases it as usual.
            if (waiter.List is null)
            {
                return;
            }

            waiter.List.Remove(waiter);
        }

        waiter.Value.SetCanceled(cancellationToken);
    }
}
