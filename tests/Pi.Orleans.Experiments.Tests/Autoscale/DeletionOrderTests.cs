using Pi.Orleans.Experiments.Autoscale;

namespace Pi.Orleans.Experiments.Tests.Autoscale;

public sealed class DeletionOrderTests
{
    [Fact]
    public void AnIdleWorkerGoesBeforeABusyOneEvenWhenTheBusyOneIsNewer()
    {
        var picked = DeletionOrder.Pick([new("worker-1", true, 0, 0), new("worker-2", true, 2, 10), new("worker-3", true, 1, 20)]);

        Assert.Equal("worker-1", picked.Name);
    }

    [Fact]
    public void ANotReadyWorkerGoesFirstWhateverItsCost()
    {
        var picked = DeletionOrder.Pick([new("worker-1", true, 0, 0), new("worker-2", false, 1, 10)]);

        Assert.Equal("worker-2", picked.Name);
    }

    [Fact]
    public void AmongEquallyIdleWorkersTheNewestGoes()
    {
        var picked = DeletionOrder.Pick([new("worker-1", true, 0, 0), new("worker-3", true, 0, 30), new("worker-2", true, 0, 20)]);

        Assert.Equal("worker-3", picked.Name);
    }

    [Fact]
    public void WithNothingToRemoveItSaysSo() =>
        Assert.Throws<ArgumentException>(() => DeletionOrder.Pick([]));
}
