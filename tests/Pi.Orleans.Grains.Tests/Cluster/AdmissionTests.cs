namespace Pi.Orleans.Grains.Tests.Cluster;

public sealed class AdmissionTests(AdmissionCluster fixture) : IClassFixture<AdmissionCluster>
{
    [Fact]
    public async Task ClientsInDifferentPartitionsTogetherGetExactlyTheClusterLimit()
    {
        // One client per partition, each submitting far more than its share: the partitions' allowances add up to the limit.
        // The calculations stay pending, so no room is freed while the test counts.
        const int limit = 12;
        var clients = Enumerable.Range(0, 1000).Select(i => $"admission-{i}")
            .GroupBy(CalculationIndex.PartitionOf).Select(g => g.First()).ToList();
        Assert.Equal(CalculationIndex.Partitions, clients.Count);
        var admitted = 0;
        for (var round = 0; round < 10; round++)
        {
            foreach (var client in clients)
            {
                var summary = new CalculationSummary(Guid.NewGuid(), CalculationStatus.Pending, DateTimeOffset.UtcNow, client);
                var admission = await fixture.Cluster.Client.GetGrain<ICalculationIndexGrain>(CalculationIndex.PartitionOf(client))
                    .TryAdmitAsync(summary, limit, maxActivePerClient: 100);
                admitted += admission.Admitted ? 1 : 0;
            }
        }

        Assert.Equal(limit, admitted);
        var reports = await Task.WhenAll(Enumerable.Range(0, CalculationIndex.Partitions)
            .Select(p => fixture.Cluster.Client.GetGrain<ICalculationIndexGrain>(p).ReportAsync()));
        Assert.Equal(limit, reports.Sum(r => r.Active));
    }

    [Fact]
    public async Task EveryClientsCalculationsAreListedFromItsOwnPartition()
    {
        var client = $"list-{Guid.NewGuid():N}";
        var partition = fixture.Cluster.Client.GetGrain<ICalculationIndexGrain>(CalculationIndex.PartitionOf(client));
        var id = Guid.NewGuid();

        await partition.RecordAsync(new CalculationSummary(id, CalculationStatus.Completed, DateTimeOffset.UtcNow, client));

        // Record is one-way: a list sent right after it may be served first.
        await Pi.Orleans.Harness.Eventually.HoldsAsync(
            async _ => (await partition.ListAsync(CalculationStatus.Completed, 1000)).Any(s => s.Id == id && s.Client == client),
            TimeSpan.FromSeconds(10), () => $"calculation {id} of {client} listed by its partition", TestContext.Current.CancellationToken);
    }
}
