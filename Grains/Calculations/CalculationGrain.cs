using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Owns one calculation. Requests are served between the awaits of a background run that fans out the chunks;
/// the state is persisted as chunks finish, so a new activation resumes from the finished chunks. A finished calculation
/// leaves memory within seconds (its state stays in storage, and a later read activates it again); a running one is kept
/// alive by its reminder. It is placed on the silo that first calls it: the Api silo that took the request, so a worker's
/// scale-down or freeze does not take the calculation with it (a resume by reminder or hand-over may land elsewhere).
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
[global::Orleans.Placement.PreferLocalPlacement]
internal sealed partial class CalculationGrain(
    [PersistentState(CalculationState.StateName, StorageNames.Calculations)] IPersistentState<CalculationState> state,
    IClusterReadings clusterSlots,
    CalculationGrains calculations,
    ChunkComputer computer,
    PiInstruments instruments,
    IOptions<PiOptions> options,
    TimeProvider time,
    ILogger<CalculationGrain> logger) : Grain, ICalculationGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);

    // How long a finished calculation stays in memory for readers that come back (pollers, progress streams).
    private static readonly TimeSpan FinishedLinger = TimeSpan.FromSeconds(2);

    // How long a deactivating calculation waits for its chunks in flight to come back before it stops.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(3);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _run;
    private CancellationTokenSource? _drain;
    private Task _runTask = Task.CompletedTask;
    private int _speculated;
    private int _speculativeWins;
    private readonly ChainedWriter _writer = new(() => state.WriteStateAsync(), options.Value.PersistInterval, time);

    private Guid Id => this.GetPrimaryKey();

    private CalculationState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Request is null)
        {
            return Task.CompletedTask;
        }

        S.FoldOldChunks();
        if (S.Status.IsActive())
        {
            LogResuming(logger, Id, S.ChunksDone(), S.ChunksTotal);
            StartRun();
        }
        else
        {
            _finished.TrySetResult();
            LeaveSoon();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is null || _runTask.IsCompleted)
        {
            return;
        }

        // Stop sending chunks, but let those in flight finish and record them (each is bounded by ChunkTimeout): cancelling
        // them threw away results that were computed anyway, and the next activation computed them again (a worker's
        // graceful stop deactivates every grain whose directory entry it owned, reason DirectoryFailure). Only then stop.
        // The wait is short: a silo that stops gives each activation only part of its shutdown time, and a chunk still running
        // after it is computed again by the next activation.
        await _drain!.CancelAsync();
        await _runTask.WaitAsync(DrainLimit, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        await _run.CancelAsync();
        await _runTask.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        if (S.Status.IsActive())
        {
            await _writer.WriteAsync();

            // Wake the next activation at once (on a silo that is not stopping) instead of at the next reminder tick:
            // the call waits until this activation is gone, then creates the new one, which resumes in OnActivateAsync.
            GrainFactory.GetGrain<ICalculationGrain>(Id).GetAsync().Ignore();
            LogHandedOver(logger, Id, reason.ReasonCode.ToString());
        }
    }

    public async Task<CalculationSnapshot> StartAsync(CalculationRequest request)
    {
        if (S.Request is { } existing)
        {
            return existing == request
                ? Snapshot()
                : throw new InvalidOperationException($"Calculation {Id} already exists with a different request.");
        }

        // Chunks of about Pi:ChunkDuration (longer on many slots) at the slots' measured rate; Pi:ChunkPoints while no slot knows its rate.
        var planning = ChunkPlanner.Plan(request.TotalPoints, await clusterSlots.ReadCachedAsync(), options.Value.ToPlanning());
        state.State = CalculationState.Planned(request, planning, CalculationStatus.Pending, time.GetUtcNow());
        _writer.CountAsWritten();
        if (planning.Refusal is { } refusal)
        {
            // Its chunks would time out on every attempt: it fails at once with the reason, instead of burning CPU for nothing.
            LogRefused(logger, Id, refusal);
            await FinishAsync(CalculationStatus.Failed, refusal);
            return Snapshot();
        }

        // Admission recorded it as pending in the index already.
        if (request.Mode == CalculationMode.Distributed)
        {
            // Accepted work is written before the 202 goes out; a single-mode request waits for its answer instead, so its
            // first write is its result (or a progress write of a long one).
            await _writer.WriteAsync();
            await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        }

        LogAccepted(logger, LevelOf(request.Mode), Id, request.TotalPoints, request.Mode, request.Seed, planning.Plan.ChunkCount);
        StartRun();
        return Snapshot();
    }

    public Task<CalculationSnapshot?> GetAsync() => Task.FromResult(S.Request is null ? null : Snapshot());

    public async Task<CalculationSnapshot?> WaitAsync(TimeSpan maxWait)
    {
        if (S.Request is null)
        {
            return null;
        }

        await Task.WhenAny(_finished.Task, Task.Delay(maxWait, time));
        if (_finished.Task.IsCompleted && S.Request.Mode == CalculationMode.Single)
        {
            // The one reader of a single-mode calculation has its answer now.
            DeactivateOnIdle();
        }

        return Snapshot();
    }

    public async Task<CalculationSnapshot?> CancelAsync()
    {
        if (S.Request is null)
        {
            return null;
        }

        if (S.Status.IsActive())
        {
            LogCancelled(logger, Id, S.ChunksDone(), S.ChunksTotal);
            if (_run is not null)
            {
                await _run.CancelAsync();
            }

            await FinishAsync(CalculationStatus.Cancelled, "cancelled by request");
        }

        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Request is null || !S.Status.IsActive())
        {
            await UnregisterResumeReminderAsync();
        }
        else if (_runTask.IsCompleted)
        {
            StartRun();
        }
    }

    // A single-mode calculation is one short request among thousands; a distributed one is worth a line in the log.
    private static LogLevel LevelOf(CalculationMode mode) => mode == CalculationMode.Single ? LogLevel.Debug : LogLevel.Information;

    // The state is written; the activation goes once it has been idle for FinishedLinger.
    private void LeaveSoon() =>
        this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, FinishedLinger, Timeout.InfiniteTimeSpan);

    private void StartRun()
    {
        _run?.Dispose();
        _drain?.Dispose();
        _run = new CancellationTokenSource();
        _drain = new CancellationTokenSource();
        _runTask = RunAsync(_drain.Token, _run.Token);
    }

    private CalculationSnapshot Snapshot() => S.Snapshot(Id);

    private async Task RecordInIndexAsync()
    {
        try
        {
            await calculations.PartitionOf(S.Request!.Client).RecordAsync(new CalculationSummary(Id, S.Status, S.CreatedAt, S.Request.Client));
        }
        catch (Exception ex)
        {
            LogIndexFailed(logger, Id, ex);
        }
    }

    private async Task UnregisterResumeReminderAsync()
    {
        try
        {
            var reminder = await this.GetReminder(ResumeReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            LogReminderFailed(logger, Id, ex);
        }
    }
}
