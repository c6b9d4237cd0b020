using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Scheduling;
using Pi.Orleans.Grains.Diagnostics;
using Pi.Orleans.Grains.Placement;

namespace Pi.Orleans.Grains.Calculations;

internal sealed partial class CalculationGrain
{
    // stopSending: deactivation; the chunks in flight still finish and are recorded. cancellationToken: stop at once.
    private async Task RunAsync(CancellationToken stopSending, CancellationToken cancellationToken)
    {
        using var activity = PiActivities.Source.StartActivity("pi.calculation");
        activity?.SetTag("pi.calculation.id", Id);
        activity?.SetTag("pi.calculation.points", S.Request!.TotalPoints);
        activity?.SetTag("pi.calculation.mode", S.Request!.Mode.ToString().ToLowerInvariant());
        var unfinished = S.ChunksTotal - S.ChunksDone();
        instruments.OnChunksPending(unfinished);
        instruments.OnCalculationActive(CalculationStatus.Running, +1);
        try
        {
            if (S.Status == CalculationStatus.Pending)
            {
                // Not written yet: a restart resumes a pending calculation the same way, and the next write carries it.
                S.Status = CalculationStatus.Running;
                S.StartedAt ??= time.GetUtcNow();
                Notify(force: true);
                await RecordInIndexAsync();
            }

            var plan = S.Plan();
            if (S.Request!.Mode == CalculationMode.Single && options.Value.RunsChunks)
            {
                await RunHereAsync(plan, stopSending, cancellationToken);
            }
            else
            {
                await RunChunksAsync(plan, stopSending, cancellationToken);
            }

            if (S.ChunksDone() < S.ChunksTotal)
            {
                // Drained for a deactivation: OnDeactivateAsync writes the state and the next activation resumes.
                return;
            }

            await FinishAsync(CalculationStatus.Completed, null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled by a user (CancelAsync finishes the state) or stopped by deactivation (resumed later). A chunk call
            // that failed at the same moment (its silo died and took this activation's directory entry with it) is no
            // reason to fail the calculation: the next activation retries it.
        }
        catch (Exception ex)
        {
            LogFailed(logger, Id, ex);
            await FinishAsync(CalculationStatus.Failed, ex.Message);
        }
        finally
        {
            // Each finished chunk was taken off already; what is left is no longer pending here.
            instruments.OnChunksPending(-(S.ChunksTotal - S.ChunksDone()));
            instruments.OnCalculationActive(CalculationStatus.Running, -1);
        }
    }

    // Sends what the scheduler says, where it says, and tells it how each live attempt ended. Each attempt has its own grain
    // key, so its own placement, aimed at the silo the router chose, and its own cancellation: when a chunk's result arrives,
    // the chunk's other attempt (a duplicate of a straggler, or the straggler itself) is cancelled and its end ignored. Once
    // stopSending is set (deactivation) nothing new is sent, and the loop ends when the calls in flight have ended and been recorded.
    private async Task RunChunksAsync(ChunkPlan plan, CancellationToken stopSending, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        var scheduler = ChunkScheduler.Create(S.Request.Mode == CalculationMode.Single, plan.ChunkCount, S.Done.NextUndone, options.Value.ToScheduling(), time, plan.PointsOf);
        var calls = new ChunkCalls();
        var workers = new ChunkWorkers();
        var attempts = new Dictionary<ChunkDispatch, CancellationTokenSource>();
        var timeout = ChunkTiming.Timeout(options.Value.ChunkTimeout, S.PlannedChunkSeconds);
        try
        {
            while (!scheduler.IsDone && (!stopSending.IsCancellationRequested || calls.Count > 0))
            {
                var silos = workers.Of(await clusterSlots.ReadCachedAsync(cancellationToken));
                foreach (var dispatch in stopSending.IsCancellationRequested ? [] : scheduler.Dispatch(silos))
                {
                    var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    attempt.CancelAfter(timeout);
                    attempts.Add(dispatch, attempt);
                    if (dispatch.Speculative)
                    {
                        instruments.OnChunkSpeculated();
                        LogSpeculated(logger, Id, dispatch.Index, dispatch.Attempt, dispatch.SiloName);
                    }

                    var key = $"{Id:N}/{dispatch.Index}/{dispatch.Attempt}";
                    calls.Add(dispatch, CallAsync(key, plan.Work(seed, dispatch.Index).ToWork(), dispatch.Silo, timeout, attempt.Token, cancellationToken));
                    Working(dispatch.SiloName, +1);
                }

                // Draining, nothing is dispatched, so a retry or an overdue time that is due would stay due: wait for the calls only.
                var wakeIn = stopSending.IsCancellationRequested ? null : scheduler.WakeIn();
                if (await calls.NextAsync(wakeIn, time, cancellationToken) is not var (ended, call))
                {
                    continue;
                }

                Working(ended.SiloName, -1);
                if (attempts.Remove(ended, out var finished))
                {
                    finished.Dispose();
                }

                if (!scheduler.IsLive(ended))
                {
                    // Given up when its chunk's other attempt won: whatever it returned, the chunk is counted once.
                    continue;
                }

                await EndedAsync(scheduler, ended, call, attempts, cancellationToken);
            }
        }
        finally
        {
            // Attempts still running were given up (or the run stops): their silos need not finish them.
            foreach (var attempt in attempts.Values)
            {
                await attempt.CancelAsync();
            }
        }

        _speculated += scheduler.Speculated;
        _speculativeWins += scheduler.SpeculativeWins;
    }

    // Only the call's own failure is the attempt's failure: what happens after its result arrived (recording, the state write)
    // must not end the same attempt a second time.
    private async Task EndedAsync(
        ChunkScheduler scheduler, ChunkDispatch ended, Task<ChunkResult> call, Dictionary<ChunkDispatch, CancellationTokenSource> attempts, CancellationToken cancellationToken)
    {
        ChunkResult result;
        try
        {
            result = await call;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            AttemptFailed(scheduler, ended, ex);
            return;
        }

        var rate = result.ComputeMs > 0 ? result.Total / (result.ComputeMs / 1000) : 0;
        foreach (var loser in scheduler.Succeeded(ended, rate))
        {
            if (attempts.TryGetValue(loser, out var attempt))
            {
                await attempt.CancelAsync();
            }
        }

        if (ended.Speculative)
        {
            instruments.OnSpeculativeWin();
        }

        if (Record(ended.Index, result))
        {
            instruments.OnChunksPending(-1);
        }

        Notify(force: false);
        await _writer.WriteIfDueAsync(OnWriteFailed);
    }

    private void AttemptFailed(ChunkScheduler scheduler, ChunkDispatch ended, Exception ex)
    {
        var willBeDone = scheduler.Failed(ended);
        var duplicateRuns = scheduler.IsRunning(ended.Index);
        instruments.OnChunkFailed(willBeDone && !duplicateRuns);
        if (!willBeDone)
        {
            throw new ChunkFailedException(ended.Index, ended.Attempt, ex);
        }

        if (duplicateRuns)
        {
            LogChunkAttemptFailed(logger, Id, ended.Index, ended.Attempt, ex.GetType().Name, ex.Message);
            return;
        }

        S.ChunkRetries++;
        LogChunkRetry(logger, Id, ended.Index, ended.Attempt, ex.GetType().Name, ex.Message);
    }

    // Single mode on a silo that computes chunks: the chunks run here, one after another, through this silo's slots, with no
    // chunk grain to place, activate and deactivate per request. If this silo dies, so does the calculation's activation, as
    // it would with a chunk grain here; the caller gets an error and nothing was promised.
    private async Task RunHereAsync(ChunkPlan plan, CancellationToken stopSending, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        for (var index = S.Done.NextUndone(0); index < plan.ChunkCount && !stopSending.IsCancellationRequested; index = S.Done.NextUndone(index + 1))
        {
            Working(computer.SiloName, +1);
            ChunkResult result;
            try
            {
                result = await computer.ComputeAsync($"{Id:N}/{index}/1", plan.Work(seed, index).ToWork(), cancellationToken, first: true);
            }
            finally
            {
                Working(computer.SiloName, -1);
            }

            instruments.OnChunksPending(-1);
            Record(index, result);
            Notify(force: false);
            await _writer.WriteIfDueAsync(OnWriteFailed);
        }
    }

    // One attempt with its own deadline: on timeout or when it is given up the call is cancelled, which also stops the chunk
    // on its silo, and the wait here ends at once even if that silo does not answer (frozen). Anything that goes wrong, even
    // finding the grain type, ends up in the returned task and so in the retry path.
    private async Task<ChunkResult> CallAsync(
        string key, ChunkWork work, string? silo, TimeSpan timeout, CancellationToken attempt, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var chunk = GrainFactory.GetGrain<IChunkGrain>(key);
            return await TargetSilo.With(silo, () => chunk.ComputeAsync(work, attempt)).WaitAsync(attempt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"chunk attempt {key} took longer than {timeout} or was given up");
        }
    }

    // False when the chunk was counted already (a duplicated result): nothing is added twice.
    private bool Record(int index, ChunkResult result)
    {
        LogChunkDone(logger, Id, index, result.Silo, result.ComputeMs, result.QueuedMs);
        return S.Record(index, result);
    }

    private async Task FinishAsync(CalculationStatus status, string? error)
    {
        S.Status = status;
        S.Error = error;
        S.FinishedAt = time.GetUtcNow();
        await _writer.WriteFinalAsync(OnWriteFailed);
        await RecordInIndexAsync();
        if (S.Request!.Mode == CalculationMode.Distributed)
        {
            await UnregisterResumeReminderAsync();
        }

        instruments.OnCalculationFinished(status, S.FinishedAt - S.StartedAt);
        LogFinished(logger, LevelOf(S.Request.Mode), Id, status, S.ChunksDone(), S.ChunkRetries, _speculated, _speculativeWins);
        _working.Clear();
        Notify(force: true);
        _finished.TrySetResult();
        LeaveSoon();
    }

    private void OnWriteFailed(Exception exception) => LogPersistFailed(logger, Id, exception);
}
