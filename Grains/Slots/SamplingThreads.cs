using System.Collections.Concurrent;

namespace Pi.Orleans.Grains.Slots;

/// <summary>
/// The threads chunk sampling runs on: one per slot, started on the first chunk, each at <see cref="Niceness"/>. Sampling is pure
/// CPU work of about a second. On the thread pool it held a pool thread for that long, and under a 1-CPU limit .NET sizes the pool
/// to one thread (min threads = processor count): Orleans' scheduler, its messaging and Kestrel then waited until the pool's
/// starvation logic added a thread, and Orleans logged ".NET Thread Pool execution stalled for 1–2 s" and degraded local health
/// (issue #22). On threads of their own the chunks leave the pool to the silo, and the lowest priority makes the kernel run the
/// silo's threads first whenever they are ready: the sampler only gets the CPU they leave.
/// </summary>
internal sealed class SamplingThreads(int count, int niceness = SamplingThreads.Niceness) : IDisposable
{
    /// <summary>
    /// The sampling threads' default nice value (<c>Pi:SamplerNice</c>): the lowest Linux priority, which an unprivileged process may always take (lowering one's
    /// own priority needs no capability, also under no-new-privileges and cap-drop ALL). It orders threads within the process's own
    /// CPU group (the pod, the container), so sampling yields to the silo, not to other pods; outside one, to the other processes of
    /// its autogroup (or of the machine, without autogroups).
    /// </summary>
    public const int Niceness = 19;

    private readonly BlockingCollection<Action> _work = [];
    private int _started;

    /// <summary>How many threads there are once started.</summary>
    public int Count { get; } = count;

    /// <summary>
    /// Runs <paramref name="work"/> on a sampling thread; the task ends with its value, its exception, or cancelled when
    /// <paramref name="cancellationToken"/> is cancelled before it starts or the work throws for it (as <c>Task.Run</c> does).
    /// The caller must keep at most <see cref="Count"/> runs in flight (the slots' gate does), so that no run waits for a thread.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        EnsureStarted();

        // Continuations run on the thread pool, not inline on this low-priority thread: the rest of the chunk (metrics, the
        // grain's answer) is the silo's work, and the thread must be free for the next chunk.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken && cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Lets the threads end after the work already given; they are background threads and never hold the process up.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        if (Volatile.Read(ref _started) == 0)
        {
            _work.Dispose();
        }
    }

    // Started on the first chunk, not with the silo: a front silo that runs no chunks never has them.
    private void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        for (var i = 0; i < Count; i++)
        {
            new Thread(Loop) { IsBackground = true, Name = $"pi-sampler-{i}" }.Start();
        }
    }

    private void Loop()
    {
        ThreadNiceness.TrySet(niceness);
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
