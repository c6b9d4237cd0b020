using System.Collections;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pi.Orleans.Api.Http;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

// The Api writes the contract with its own JSON options and the Client reads it with ApiJson.Options: a member either side
// drops (a missing setter, a name the other side spells differently, a converter only one side has) fails here.
public sealed class WireContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 6, 23, 0, 0, TimeSpan.Zero);

    private static readonly Calculation FullCalculation = new()
    {
        Id = Guid.NewGuid(),
        Status = "completed",
        Mode = "distributed",
        TotalPoints = 10_420_224,
        Seed = ulong.MaxValue,
        SeedSource = "service",
        ChunksTotal = 3,
        ChunksDone = 3,
        PointsDone = 10_420_224,
        Progress = 1,
        ResultPi = 3.1418,
        ResultInside = 8_184_000,
        ResultTotal = 10_420_224,
        StandardError = 5e-4,
        ConfidenceInterval95 = new ConfidenceInterval { Low = 3.1408, High = 3.1428 },
        DurationMs = 1234.5,
        SilosUsed = ["worker-1", "worker-2"],
        ChunkRetries = 1,
        CreatedAt = Created,
        StartedAt = Created.AddSeconds(1),
        FinishedAt = Created.AddSeconds(2),
        Error = "an error a completed calculation never has, set so the round trip must carry it",
        TargetError = 1e-3,
        HalfWidth = 9.8e-4,
        TargetMet = true,
        EtaS = 0.5,
    };

    private static readonly SiloInfo FullSilo = new()
    {
        Address = "S127.0.0.1:11111:1",
        Name = "worker-1",
        Status = "Active",
        RunsChunks = true,
        SlotsTotal = 4,
        SlotsUsed = 2,
        SlotsQueued = 1,
        ChunksCompleted = 17,
        PendingChunks = 5,
    };

    // By name, so the theory's cases stay serializable for discovery.
    private static readonly Dictionary<string, object> Full = new object[]
    {
        FullCalculation,
        new ProgressUpdate
        {
            Id = Guid.NewGuid(), Status = "running", ChunksDone = 1, ChunksTotal = 3, PointsDone = 4_000_000, Progress = 0.4, Estimate = 3.14,
            StandardError = 1e-3, SilosWorking = ["worker-2"], SilosUsed = ["worker-1"], EtaS = 2.5,
        },
        new Estimate
        {
            TotalPoints = 10_420_224, TargetError = 1e-3, ExpectedHalfWidth = 9.9e-4, ExpectedDurationS = 1.5, PointsPerSecondPerSlot = 5e7,
            SlotsAvailable = 4, SlotsPerWorker = 2, DeadlineS = 2, DesiredWorkers = 1,
        },
        new ClusterInfo { Silos = [FullSilo], SlotsTotal = 4, SlotsUsed = 2, SlotsQueued = 1 },
        new ScalingInfo { SlotsTotal = 4, SlotsUsed = 2, SlotsQueued = 1, PendingChunks = 5, SlotsPerWorker = 2, DesiredWorkers = 2 },
    }.ToDictionary(c => c.GetType().Name);

    public static TheoryData<string> Contracts() => [.. Full.Keys];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void AFullyPopulatedContractLosesNoMemberFromTheApisJsonToTheClients(string contract)
    {
        var written = Full[contract];
        var json = JsonSerializer.Serialize(written, written.GetType(), ApiOptions());

        var read = JsonSerializer.Deserialize(json, written.GetType(), ApiJson.Options)!;

        AssertEveryMemberSet(written, written.GetType().Name);
        AssertEveryMemberSet(read, written.GetType().Name);
        Assert.Equal(json, JsonSerializer.Serialize(read, written.GetType(), ApiJson.Options));
    }

    [Fact]
    public void TheCalculationKeepsItsSnakeCaseNamesInTheirOrder()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(FullCalculation, ApiOptions()));

        string[] names =
        [
            "id", "status", "mode", "total_points", "seed", "seed_source", "chunks_total", "chunks_done", "points_done", "progress",
            "result_pi", "result_inside", "result_total", "standard_error", "confidence_interval_95", "duration_ms", "silos_used",
            "chunk_retries", "created_at", "started_at", "finished_at", "error", "target_error", "half_width", "target_met", "eta_s",
        ];
        Assert.Equal(names, json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void TheProgressEventKeepsItsSnakeCaseNamesInTheirOrder()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(ProgressUpdate.From(FullCalculation), ApiOptions()));

        string[] names =
        [
            "id", "status", "chunks_done", "chunks_total", "points_done", "progress", "estimate", "standard_error", "silos_working",
            "silos_used", "eta_s",
        ];
        Assert.Equal(names, json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    // The options the Api's composition root registers, not a copy of them.
    private static JsonSerializerOptions ApiOptions()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddPiApi();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    private static bool IsContract(object value) => value.GetType().Namespace == typeof(Calculation).Namespace;

    private static void AssertEveryMemberSet(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // A computed member (Calculation.IsFinished) is not on the wire; every member that can be set must be.
            if (property.SetMethod is null)
            {
                continue;
            }

            var member = property.GetValue(value);
            var name = $"{path}.{property.Name}";
            Assert.False(member is null, $"{name} is null");
            Assert.False(property.PropertyType.IsValueType && member.Equals(Activator.CreateInstance(property.PropertyType)), $"{name} is {member}, its default");
            if (member is IEnumerable items and not string)
            {
                var all = items.Cast<object>().ToList();
                Assert.True(all.Count > 0, $"{name} is empty");
                all.Where(IsContract).ToList().ForEach(item => AssertEveryMemberSet(item, name + "[]"));
            }
            else if (IsContract(member))
            {
                AssertEveryMemberSet(member, name);
            }
        }
    }
}
