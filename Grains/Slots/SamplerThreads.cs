using System.Collections.Concurrent;

namespace Pi.Orleans.Grains.Slots;

/// <summary>
/// One dedicated thread per chunk slot that runs the sampling, so that the thread pool stays free for Orleans, ASP.NET Core and
/// the calculations' own work: with the sampling on pool threads, a silo whose every core samples waited for the pool to
/// inject threads before it could answer a call or send the next chunk.
/// </summary>
public sealed class SamplerThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _work = [];
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="count"/> background threads.</summary>
    public SamplerThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"pi-sampler-{i}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on one of the threads.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose() => _work.CompleteAdding();

    protected override void QueueTask(Task task) => _work.Add(task);

    // Inlining would run sampling on whatever thread awaits it; the point is to keep it on these threads.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _work];

    private void Run()
    {
        foreach (var task in _work.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
