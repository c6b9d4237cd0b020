using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Pi.Orleans.Grains.Tests;

public sealed class WireRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 4, 0, 0, TimeSpan.FromHours(1));
    private static readonly CalculationRequest Request = new(10_000_000_000, CalculationMode.Distributed, ulong.MaxValue, SeedChosenByService: true, Client: "key:ops", TargetError: 1e-7);

    // One sample of every [GenerateSerializer] record in Grains.Interfaces, each field set away from its default.
    private static readonly object[] Samples =
    [
        new Admission(Admitted: true, ActiveInCluster: 3, ActiveForClient: 2),
        new AdmissionGrant(Allowance: 5, ActiveInCluster: 9),
        new CalculationProgress(Guid.NewGuid(), CalculationStatus.Running, 3, 7, 3_000, 2_356, 7_000, ["worker-b"], ["worker-a", "worker-b"]),
        Request,
        new CalculationSnapshot(Guid.NewGuid(), Request, CalculationStatus.Failed, 7, 3, 2_356, 3_000, ["worker-a"], At, At.AddSeconds(1), At.AddSeconds(2), "chunk 4 failed", 5),
        new CalculationSummary(Guid.NewGuid(), CalculationStatus.Cancelled, At, "key:ops"),
        new ChunkResult(785_398, 1_000_000, "worker-a", 12.5, 0.25),
        new ChunkWork(42, 65_536, 1L << 29),
        new PartitionReport(Active: 4, Held: 6),
        new SlotSnapshot("S10.0.0.7:11111:1", 4, 3, 2, RunsChunks: true, 99, 17, "worker-a", 1.9e9),
    ];

    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void EveryWireRecordComesBackEqualFromTheOrleansSerializer()
    {
        foreach (var sample in Samples)
        {
            var copy = _serializer.Deserialize<object>(_serializer.SerializeToArray<object>(sample));

            Assert.IsType(sample.GetType(), copy);
            Assert.Equivalent(sample, copy, strict: true);
        }
    }

    [Fact]
    public void EveryWireRecordInTheInterfacesHasASampleHere()
    {
        var wire = typeof(CalculationRequest).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), inherit: false) && !t.IsEnum)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(wire, Samples.Select(s => s.GetType().Name).Order(StringComparer.Ordinal));
    }
}
