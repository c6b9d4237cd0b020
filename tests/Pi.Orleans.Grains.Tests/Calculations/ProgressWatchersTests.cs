using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class ProgressWatchersTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ProgressWatchers<string> _watchers;

    public ProgressWatchersTests() => _watchers = new ProgressWatchers<string>(_time);

    [Fact]
    public void UpdatesGoOutAtMostEveryHundredMillisecondsUnlessForced()
    {
        _watchers.Subscribe("page");

        Assert.Equal(["page"], _watchers.Due(force: false));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(_watchers.Due(force: false));
        Assert.Equal(["page"], _watchers.Due(force: true));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["page"], _watchers.Due(force: false));
    }

    [Fact]
    public void AWatcherThatStopsRenewingIsDroppedAfterThirtySecondsAndOneThatRenewsStays()
    {
        foreach (var watcher in new[] { "gone", "renewing" })
        {
            _watchers.Subscribe(watcher);
        }

        _time.Advance(TimeSpan.FromSeconds(20));
        _watchers.Subscribe("renewing");
        _time.Advance(TimeSpan.FromSeconds(10));
        var atLeaseEnd = _watchers.Due(force: true).Order(StringComparer.Ordinal).ToList();
        _time.Advance(TimeSpan.FromTicks(1));
        var afterLease = _watchers.Due(force: true);

        Assert.Equal(["gone", "renewing"], atLeaseEnd);
        Assert.Equal(["renewing"], afterLease);
    }

    [Fact]
    public void NobodyIsDueAnUpdateAfterUnsubscribing()
    {
        _watchers.Subscribe("page");
        _watchers.Unsubscribe("page");

        Assert.Empty(_watchers.Due(force: true));
    }
}
