using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class CalculationIndexEntriesTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Dictionary<Guid, CalculationSummary> _stored = [];
    private readonly CalculationIndexEntries _entries;

    public CalculationIndexEntriesTests() => _entries = new CalculationIndexEntries(_stored, _time);

    [Fact]
    public void ACalculationIsAdmittedWhileFewerThanTheLimitsAreActiveAndCountsOnceAdmitted()
    {

        var first = _entries.TryAdmit(Pending("alice"), maxActive: 2, maxActivePerClient: 5);
        var second = _entries.TryAdmit(Pending("bob"), maxActive: 2, maxActivePerClient: 5);
        var third = _entries.TryAdmit(Pending("carol"), maxActive: 2, maxActivePerClient: 5);

        Assert.Equal(new Admission(true, 1, 1), first);
        Assert.Equal(new Admission(true, 2, 1), second);
        Assert.Equal(new Admission(false, 2, 0), third);
        Assert.Equal(2, _stored.Count);
    }

    [Fact]
    public void OneClientIsHeldToItsOwnLimitWhileOthersAreStillAdmitted()
    {
        _entries.TryAdmit(Pending("alice"), 10, 1);

        Assert.False(_entries.TryAdmit(Pending("alice"), 10, 1).Admitted);
        Assert.True(_entries.TryAdmit(Pending("bob"), 10, 1).Admitted);
    }

    [Fact]
    public void AFinishedCalculationNoLongerCountsAgainstTheLimits()
    {
        var running = Pending("alice");
        _entries.TryAdmit(running, 1, 1);

        Assert.True(_entries.Record(running with { Status = CalculationStatus.Completed }));
        Assert.True(_entries.TryAdmit(Pending("alice"), 1, 1).Admitted);
    }

    [Fact]
    public void APendingEntryThatNeverStartedStopsCountingAfterTwoMinutes()
    {
        var stale = Pending("alice");
        _entries.TryAdmit(stale, 1, 1);
        var (second, third) = (Pending("alice"), Pending("alice"));

        _time.Advance(stale.CreatedAt + TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1) - _time.GetUtcNow());
        Assert.False(_entries.TryAdmit(second, 1, 1).Admitted);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(_entries.TryAdmit(third, 1, 1).Admitted);
    }

    [Fact]
    public void ARunningEntryKeepsCountingHoweverOldItIs()
    {
        var calculation = Pending("alice");
        _entries.TryAdmit(calculation, 1, 1);

        Assert.False(_entries.Record(calculation with { Status = CalculationStatus.Running }));
        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(_entries.TryAdmit(Pending("bob"), 1, 1).Admitted);
    }

    [Fact]
    public void AFinalStatusIsNeverReplacedByALateUpdate()
    {
        var calculation = Pending("alice");
        _entries.Record(calculation with { Status = CalculationStatus.Cancelled });

        Assert.False(_entries.Record(calculation with { Status = CalculationStatus.Running }));
        Assert.Equal(CalculationStatus.Cancelled, _stored[calculation.Id].Status);
    }

    [Fact]
    public void AnUpdateWithoutAClientKeepsTheClientOfTheAdmission()
    {
        var calculation = Pending("alice");
        _entries.TryAdmit(calculation, 1, 1);

        _entries.Record(calculation with { Status = CalculationStatus.Completed, Client = null });

        Assert.Equal("alice", _stored[calculation.Id].Client);
    }

    [Fact]
    public void BeyondCapacityTheOldestFinishedEntriesGoFirstAndActiveOnesStay()
    {
        var oldActive = Pending("alice");
        _entries.Record(oldActive);
        var finished = Enumerable.Range(0, CalculationIndexEntries.Capacity).Select(_ => Finished()).ToList();
        foreach (var summary in finished)
        {
            _entries.Record(summary);
        }

        Assert.Equal(CalculationIndexEntries.Capacity, _stored.Count);
        Assert.Contains(oldActive.Id, _stored.Keys);
        Assert.DoesNotContain(finished[0].Id, _stored.Keys);
        Assert.Contains(finished[1].Id, _stored.Keys);
    }

    [Fact]
    public void EntriesReadBackFromStorageCountAsTheyDidBefore()
    {
        _entries.TryAdmit(Pending("alice"), 5, 5);
        _entries.Record(Finished());

        var after = new CalculationIndexEntries(new Dictionary<Guid, CalculationSummary>(_stored), _time);

        Assert.Equal(new Admission(true, 2, 2), after.TryAdmit(Pending("alice"), 5, 5));
    }

    [Fact]
    public void TheListIsNewestFirstFilteredByStatusAndCutToTheLimit()
    {
        var older = Finished();
        var pending = Pending("alice");
        var newer = Finished();
        foreach (var summary in new[] { older, pending, newer })
        {
            _entries.Record(summary);
        }

        Assert.Equal([newer.Id, pending.Id, older.Id], _entries.List(null, 10).Select(e => e.Id));
        Assert.Equal([newer.Id], _entries.List(CalculationStatus.Completed, 1).Select(e => e.Id));
        Assert.Empty(_entries.List(null, -1));
    }

    private CalculationSummary Pending(string client) => Next(CalculationStatus.Pending, client);

    private CalculationSummary Finished() => Next(CalculationStatus.Completed, null);

    private CalculationSummary Next(CalculationStatus status, string? client)
    {
        // Every entry is created a moment after the one before, so the order by creation time is the order of the test.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return new CalculationSummary(Guid.NewGuid(), status, _time.GetUtcNow(), client);
    }
}
