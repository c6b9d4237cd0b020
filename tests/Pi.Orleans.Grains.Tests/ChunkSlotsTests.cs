using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Tests;

public sealed class ChunkSlotsTests
{
    [Fact]
    public async Task NoMoreChunksRunThanThereAreSlotsAndTheRestWaitInLine()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 2 }));
        using var release = new ManualResetEventSlim();
        var started = 0;

        var runs = Enumerable.Range(0, 5).Select(_ => slots.RunAsync(() =>
        {
            Interlocked.Increment(ref started);
            release.Wait(TestContext.Current.CancellationToken);
            return 1;
        }, TestContext.Current.CancellationToken)).ToList();
        await WaitUntilAsync(() => slots.Used == 2 && slots.Queued == 3 && Volatile.Read(ref started) == 2);

        Assert.Equal(2, Volatile.Read(ref started));
        Assert.Equal(2, slots.Total);
        release.Set();
        await Task.WhenAll(runs);
        Assert.Equal(0, slots.Used);
        Assert.Equal(0, slots.Queued);
        Assert.Equal(5, slots.Completed);
    }

    [Fact]
    public void ZeroSlotsMeansOnePerProcessor()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 0 }));

        Assert.Equal(Environment.ProcessorCount, slots.Total);
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.HoldsAsync(_ => Task.FromResult(condition()), TimeSpan.FromSeconds(5), () => "condition", TestContext.Current.CancellationToken, TimeSpan.FromMilliseconds(10));
}
