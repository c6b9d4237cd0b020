using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// <see cref="ISingleChunkCalculations"/>: most of a small request's cost was the calculation grain around its one chunk (placing,
/// activating and deactivating it, reading its empty state, three calls to it and its index records), and in Redis mode the chunk
/// grain's activation and its two Redis directory writes, not the sampling. The state
/// this writes is the one the grain would have written, under the grain's own id and state name, so a later read activates the
/// grain on it as on any finished calculation.
/// </summary>
internal sealed partial class SingleChunkCalculations(
    CalculationGrains calculations,
    IClusterReadings cluster,
    Slots.SlotsServiceClient slotServices,
    [FromKeyedServices(StorageNames.Calculations)] IGrainStorage storage,
    ChunkComputer computer,
    PiInstruments instruments,
    IOptions<PiOptions> options,
    TimeProvider time,
    ILogger<SingleChunkCalculations> logger) : ISingleChunkCalculations
{
    // The attempt number of the chunk key: the grain's attempts start at 1, so its retry of a failed chunk here is a new key.
    private const int Attempt = 0;

    public bool Takes(CalculationRequest request, ChunkPlanning planning) =>
        request.Mode == CalculationMode.Single && planning.Refusal is null && planning.Plan.ChunkCount == 1;

    public async Task<CalculationSnapshot?> RunAsync(Guid id, CalculationRequest request, ChunkPlanning planning)
    {
        using var activity = PiActivities.Source.StartActivity("pi.calculation");
        activity?.SetTag("pi.calculation.id", id);
        activity?.SetTag("pi.calculation.points", request.TotalPoints);
        activity?.SetTag("pi.calculation.mode", "single");
        var now = time.GetUtcNow();
        var state = CalculationState.Planned(request, planning, CalculationStatus.Running, now);
        state.StartedAt = now;
        var work = planning.Plan.Work(request.Seed, 0).ToWork();
        var key = $"{id:N}/0/{Attempt}";
        instruments.OnCalculationActive(CalculationStatus.Running, +1);
        ChunkResult result;
        try
        {
            result = options.Value.RunsChunks ? await computer.ComputeAsync(key, work, CancellationToken.None, first: true) : await OnWorkerAsync(key, work, planning.ChunkTimeout);
        }
        catch (Exception ex)
        {
            LogHandedToGrain(logger, id, ex.GetType().Name, ex.Message);
            return null;
        }
        finally
        {
            instruments.OnCalculationActive(CalculationStatus.Running, -1);
        }

        state.Record(0, result);
        state.Status = CalculationStatus.Completed;
        state.FinishedAt = time.GetUtcNow();
        await storage.WriteStateAsync(CalculationState.StateName, calculations.IdOf(id), new GrainState<CalculationState>(state));
        calculations.PartitionOf(request.Client).RecordAsync(new CalculationSummary(id, state.Status, state.CreatedAt, request.Client)).Ignore();
        instruments.OnCalculationFinished(state.Status, state.FinishedAt - state.StartedAt);
        LogFinished(logger, id, result.Silo);
        return state.Snapshot(id);
    }

    // One attempt on a worker's slots service, the workers taken in turn by their slots (the slot readings are seconds old, so the
    // least busy one now would take every request until they change). On timeout the wait ends; the chunk is short.
    private async Task<ChunkResult> OnWorkerAsync(string key, ChunkWork work, TimeSpan timeout)
    {
        var workers = (await cluster.ReadCachedAsync()).Where(s => s.RunsChunks && s.Total > 0).OrderBy(s => s.Silo, StringComparer.Ordinal).ToList();
        if (workers.Count == 0)
        {
            throw new InvalidOperationException("no silo runs chunks");
        }

        var turn = (int)((uint)Interlocked.Increment(ref _turn) % (uint)workers.Sum(w => w.Total));
        var worker = workers.First(w => (turn -= w.Total) < 0);
        return await slotServices.On(SiloAddress.FromParsableString(worker.Silo)).ComputeAsync(key, work).WaitAsync(timeout);
    }

    private int _turn;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calculation {CalculationId} (single, one chunk) completed on {Silo} without a calculation grain")]
    private static partial void LogFinished(ILogger logger, Guid calculationId, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} (single, one chunk): its chunk failed ({ErrorType}: {Error}); the calculation grain runs it")]
    private static partial void LogHandedToGrain(ILogger logger, Guid calculationId, string errorType, string error);
}
