using System.Globalization;
using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Tests.Slots;

/// <summary>Issue #22: chunk sampling must not hold thread-pool threads, and must yield the CPU to the silo's own threads.</summary>
public sealed class SamplingThreadsTests
{
    [Fact]
    public async Task ChunkWorkRunsOnADedicatedThreadOffThePoolAtTheConfiguredNiceValue()
    {
        // Pi:SamplerNice 19, the lowest priority (the default is 0, which a thread has anyway): the setting reaches the threads.
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 2, SamplerNice = 19 }));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => slots.RunAsync(
            () => (Pool: Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name, Nice: NiceOfThisThread()), TestContext.Current.CancellationToken)));

        Assert.All(runs, r => Assert.False(r.Value.Pool));
        Assert.All(runs, r => Assert.StartsWith("pi-sampler-", r.Value.Name, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Equal(19, r.Value.Nice));
        Assert.Equal(4, slots.Completed);
    }

    [Fact]
    public async Task WhatFollowsTheWorkRunsOffTheSamplingThread()
    {
        using var threads = new SamplingThreads(1);

        var after = await ThreadAfterAsync(threads);

        // Inline continuations would run the rest of the chunk (and the next awaits) at nice 19 on the thread the next chunk needs.
        Assert.False(after?.StartsWith("pi-sampler-", StringComparison.Ordinal) ?? false, after);
    }

    [Fact]
    public async Task WorkCancelledBeforeItStartsNeverRunsAndFreesItsSlot()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 1 }));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slots.RunAsync(() => ran = true, cancelled.Token));

        Assert.False(ran);
        Assert.Equal((0, 0, 0L), (slots.Used, slots.Queued, slots.Completed));
    }

    [Fact]
    public async Task WorkThatStopsForItsCancellationEndsCancelledAndTheSlotRunsTheNextChunk()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 1 }));
        using var cancellation = new CancellationTokenSource();

        var run = slots.RunAsync(() =>
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
            return 0;
        }, cancellation.Token);

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(run.IsCanceled, thrown.GetType().Name);
        Assert.Equal(7, (await slots.RunAsync(() => 7, TestContext.Current.CancellationToken)).Value);
        Assert.Equal(0, slots.Used);
    }

    [Fact]
    public async Task AFailingChunkFailsWithItsOwnExceptionAndTheThreadLivesOn()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 1 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => slots.RunAsync<int>(() => throw new InvalidOperationException("boom"), TestContext.Current.CancellationToken));

        Assert.Equal(3, (await slots.RunAsync(() => 3, TestContext.Current.CancellationToken)).Value);
        Assert.Equal(0, slots.Used);
    }

    [Fact]
    public async Task EveryRunFromManyCallersAtOnceCompletes()
    {
        // A lost wake-up between a run given and a thread going to sleep would leave a run waiting for ever.
        using var threads = new SamplingThreads(2);
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var sum = 0L;
            for (var i = 0; i < 2_000; i++)
            {
                sum += await threads.RunAsync(() => i, TestContext.Current.CancellationToken);
            }

            return sum;
        }));

        var sums = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.All(sums, s => Assert.Equal(1_999L * 2_000 / 2, s));
    }

    [Fact]
    public async Task WorkGivenBeforeDisposeStillRunsAndNoWorkIsTakenAfterIt()
    {
        var threads = new SamplingThreads(1);
        using var gate = new ManualResetEventSlim();
        var first = threads.RunAsync(() =>
        {
            gate.Wait(TestContext.Current.CancellationToken);
            return 0;
        }, TestContext.Current.CancellationToken);
        var queued = threads.RunAsync(() => 5, TestContext.Current.CancellationToken);

        threads.Dispose();
        gate.Set();

        await first;
        Assert.Equal(5, await queued);
        Assert.ThrowsAny<InvalidOperationException>(() => { _ = threads.RunAsync(() => 6, TestContext.Current.CancellationToken); });
    }

    // ConfigureAwait(false), as ChunkSlots awaits: the continuation runs wherever the task completes it.
    private static async Task<string?> ThreadAfterAsync(SamplingThreads threads)
    {
        await threads.RunAsync(() => 1, TestContext.Current.CancellationToken).ConfigureAwait(false);
        return Thread.CurrentThread.Name;
    }

    // Field 19 of /proc/thread-self/stat is the thread's nice value; the fields start after the command name's closing parenthesis.
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
