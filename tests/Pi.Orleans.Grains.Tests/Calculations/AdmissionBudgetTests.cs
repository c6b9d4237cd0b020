using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class AdmissionBudgetTests
{
    [Fact]
    public void APartitionGetsHalfTheHeadroomAndAtLeastOneWhileThereIsAny()
    {
        var budget = new AdmissionBudget();

        var first = budget.Exchange(0, active: 0, wantsAllowance: true, maxActive: 64);
        var second = budget.Exchange(1, active: 0, wantsAllowance: true, maxActive: 64);
        var third = budget.Exchange(2, active: 10, wantsAllowance: true, maxActive: 64);
        var fourth = budget.Exchange(3, active: 1, wantsAllowance: true, maxActive: 64);
        var full = budget.Exchange(4, active: 1, wantsAllowance: true, maxActive: 64);

        Assert.Equal(new AdmissionGrant(32, 0), first);
        Assert.Equal(new AdmissionGrant(16, 0), second);
        Assert.Equal(new AdmissionGrant(3, 10), third);
        Assert.Equal(new AdmissionGrant(1, 11), fourth);
        Assert.Equal(new AdmissionGrant(0, 12), full);
        Assert.Equal(64, budget.Committed);
    }

    [Fact]
    public void APartitionThatWantsNoneGivesItsAllowanceBackToTheOthers()
    {
        var budget = new AdmissionBudget();
        budget.Exchange(0, active: 0, wantsAllowance: true, maxActive: 8);

        var returned = budget.Exchange(0, active: 2, wantsAllowance: false, maxActive: 8);
        var other = budget.Exchange(1, active: 0, wantsAllowance: true, maxActive: 8);

        Assert.Equal(0, returned.Allowance);
        Assert.Equal(3, other.Allowance);
        Assert.Equal(5, budget.Committed);
    }

    [Fact]
    public void ABudgetThatLearnsWhatThePartitionsHoldGrantsOnlyTheRest()
    {
        // After a move to another silo: partition 0 still holds 4 of the old grant and has 3 active.
        var budget = new AdmissionBudget();
        budget.Learn(0, active: 3, held: 4);

        var grant = budget.Exchange(1, active: 0, wantsAllowance: true, maxActive: 9);

        Assert.Equal(new AdmissionGrant(1, 3), grant);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ThePartitionsTogetherNeverAdmitMoreThanTheLimit(int seed)
    {
        // Eight partitions admit out of their allowances, calculations finish, and each exchanges at random moments:
        // the active calculations never exceed the limit, and the partitions do get to admit (the stale reports and unused
        // allowances keep it from always reaching the limit).
        const int limit = 20;
        var random = new Random(seed);
        var budget = new AdmissionBudget();
        var active = new int[CalculationIndex.Partitions];
        var allowance = new int[CalculationIndex.Partitions];
        var peak = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var p = random.Next(active.Length);
            switch (random.Next(4))
            {
                case 0:
                    allowance[p] = budget.Exchange(p, active[p], wantsAllowance: random.Next(5) > 0, limit).Allowance;
                    break;
                case 1 when active[p] > 0:
                    active[p]--;
                    break;
                default:
                    if (allowance[p] > 0)
                    {
                        allowance[p]--;
                        active[p]++;
                    }

                    break;
            }

            var total = active.Sum();
            Assert.True(total <= limit, $"{total} active at step {step}, over the limit of {limit}");
            peak = Math.Max(peak, total);
        }

        Assert.True(peak >= limit / 2, $"at most {peak} active at once");
    }
}
