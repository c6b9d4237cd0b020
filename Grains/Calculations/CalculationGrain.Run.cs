using Pi.Orleans.Grains.Diagnostics;
using Pi.Orleans.Grains.Placement;

namespace Pi.Orleans.Grains.Calculations;

public sealed partial class CalculationGrain
{
    // stopSending: deactivation; the chunks in flight still finish and are recorded. cancellationToken: stop at once.
    private async Task RunAsync(CancellationToken stopSending, CancellationToken cancellationToken)
    {
        using var activity = PiActivities.Source.StartActivity("pi.calculation");
        activity?.SetTag("pi.calculation.id", Id);
        activity?.SetTag("pi.calculation.points", S.Request!.TotalPoints);
        activity?.SetTag("pi.calculation.mode", S.Request!.Mode.ToString().ToLowerInvariant());
        var unfinished = S.ChunksTotal - S.Chunks.Count;
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

            var plan = new ChunkPlan(S.Request!.TotalPoints, S.BlocksPerChunk, S.ChunksTotal);
            if (S.Request.Mode == CalculationMode.Single && options.Value.RunsChunks)
            {
                await RunHereAsync(plan, stopSending, cancellationToken);
            }
            else
            {
                ChunkRouter router = S.Request.Mode == CalculationMode.Single
                    ? new SingleSiloRouter()
                    : new BalancedRouter(options.Value.InFlightPerSlot);
                await RunChunksAsync(plan, router, stopSending, cancellationToken);
            }

            if (S.Chunks.Count < S.ChunksTotal)
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
            instruments.OnChunksPending(-(S.ChunksTotal - S.Chunks.Count));
            instruments.OnCalculationActive(CalculationStatus.Running, -1);
        }
    }

    // Keeps up to router.Window chunk calls in flight. Each attempt has its own grain key, so its own placement, aimed at
    // the silo the router chooses. A failed or timed-out attempt is sent again as a new attempt after a growing pause, up
    // to MaxChunkAttempts; while no silo runs chunks the calculation waits, up to NoWorkersTimeout.
    private async Task RunChunksAsync(ChunkPlan plan, ChunkRouter router, CancellationToken stopSending, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        var work = new ChunkQueue(plan.ChunkCount, S.Chunks.Keys, time);
        var inFlight = new Dictionary<Task<ChunkResult>, (int Index, string? Silo, string? Name)>();
        var noWorkersSince = (DateTimeOffset?)null;
        while ((!work.IsEmpty && !stopSending.IsCancellationRequested) || inFlight.Count > 0)
        {
            var silos = (await clusterSlots.ReadCachedAsync(cancellationToken)).Where(s => s.RunsChunks).ToList();
            noWorkersSince = silos.Count > 0 ? null : noWorkersSince ?? time.GetUtcNow();
            if (noWorkersSince is { } since && time.GetUtcNow() - since > options.Value.NoWorkersTimeout)
            {
                throw new InvalidOperationException($"no silo has run chunks for {options.Value.NoWorkersTimeout}; start a worker silo and submit again");
            }

            var window = silos.Count == 0 ? 0 : router.Window(silos);
            while (inFlight.Count < window && !stopSending.IsCancellationRequested && work.TryTake(out var index))
            {
                var attempt = work.Attempt(index);
                var silo = router.Choose(silos);
                var name = silos.FirstOrDefault(s => s.Silo == silo)?.Name;
                inFlight.Add(CallAsync($"{Id:N}/{index}/{attempt}", plan.Work(seed, index), silo, cancellationToken), (index, silo, name));
                Working(name, +1);
                if (silo is not null)
                {
                    router.Sent(silo);
                }
            }

            var done = await NextAsync(inFlight.Keys, work.NextRetryIn(), noWorkers: silos.Count == 0, cancellationToken);
            if (done is null)
            {
                continue;
            }

            var (finished, sentTo, sentToName) = inFlight[done];
            inFlight.Remove(done);
            Working(sentToName, -1);
            try
            {
                var result = await done;
                End(router, sentTo, succeeded: true);
                if (!S.Chunks.ContainsKey(finished))
                {
                    instruments.OnChunksPending(-1);
                }

                Record(finished, result);
                Notify(force: false);
                await PersistIfDueAsync();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                End(router, sentTo, succeeded: false);
                var tried = work.Attempts(finished);
                instruments.OnChunkFailed(retried: tried < options.Value.MaxChunkAttempts);
                if (tried >= options.Value.MaxChunkAttempts)
                {
                    throw new ChunkFailedException(finished, tried, ex);
                }

                S.ChunkRetries++;
                LogChunkRetry(logger, Id, finished, tried, ex.GetType().Name, ex.Message);
                work.Retry(finished);
            }
        }
    }

    // Single mode on a silo that computes chunks: the chunks run here, one after another, through this silo's slots, with no
    // chunk grain to place, activate and deactivate per request. If this silo dies, so does the calculation's activation, as
    // it would with a chunk grain here; the caller gets an error and nothing was promised.
    private async Task RunHereAsync(ChunkPlan plan, CancellationToken stopSending, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        for (var index = 0; index < plan.ChunkCount && !stopSending.IsCancellationRequested; index++)
        {
            if (S.Chunks.ContainsKey(index))
            {
                continue;
            }

            Working(computer.SiloName, +1);
            ChunkResult result;
            try
            {
                result = await computer.ComputeAsync($"{Id:N}/{index}/1", plan.Work(seed, index), cancellationToken);
            }
            finally
            {
                Working(computer.SiloName, -1);
            }

            instruments.OnChunksPending(-1);
            Record(index, result);
            Notify(force: false);
            await PersistIfDueAsync();
        }
    }

    // The next finished call; or null when a retry falls due, or (with no worker to send to) after a second.
    private async Task<Task<ChunkResult>?> NextAsync(
        IEnumerable<Task<ChunkResult>> calls, TimeSpan? retryIn, bool noWorkers, CancellationToken cancellationToken)
    {
        var wait = noWorkers ? TimeSpan.FromSeconds(1) : retryIn;
        var tasks = calls.Cast<Task>().ToList();
        if (wait is { } delay)
        {
            tasks.Add(Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, time, cancellationToken));
        }

        var first = await Task.WhenAny(tasks);
        cancellationToken.ThrowIfCancellationRequested();
        return first as Task<ChunkResult>;
    }

    // One attempt with its own deadline: on timeout the call is cancelled, which also stops the chunk on its silo.
    // Anything that goes wrong, even finding the grain type, ends up in the returned task and so in the retry path.
    private async Task<ChunkResult> CallAsync(string key, ChunkWork work, string? silo, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.ChunkTimeout);
        try
        {
            var chunk = GrainFactory.GetGrain<IChunkGrain>(key);
            return await TargetSilo.With(silo, () => chunk.ComputeAsync(work, attempt.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"chunk attempt {key} took longer than {options.Value.ChunkTimeout}");
        }
    }

    private static void End(ChunkRouter router, string? silo, bool succeeded)
    {
        if (silo is not null)
        {
            router.Ended(silo, succeeded);
        }
    }

    private void Record(int index, ChunkResult result)
    {
        var silo = S.Silos.IndexOf(result.Silo);
        if (silo < 0)
        {
            S.Silos.Add(result.Silo);
            silo = S.Silos.Count - 1;
        }

        // Keyed by chunk index: a retried chunk overwrites its entry and is never counted twice.
        S.Chunks[index] = new ChunkEntry(result.Inside, result.Total, silo);
        LogChunkDone(logger, Id, index, result.Silo, result.ComputeMs, result.QueuedMs);
    }

    private async Task FinishAsync(CalculationStatus status, string? error)
    {
        S.Status = status;
        S.Error = error;
        S.FinishedAt = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PersistAsync();
                break;
            }
            catch (Exception ex) when (attempt < 5)
            {
                LogPersistFailed(logger, Id, ex);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
        }

        await RecordInIndexAsync();
        if (S.Request!.Mode == CalculationMode.Distributed)
        {
            await UnregisterResumeReminderAsync();
        }

        instruments.OnCalculationFinished(status, S.FinishedAt - S.StartedAt);
        LogFinished(logger, LevelOf(S.Request.Mode), Id, status, S.Chunks.Count, S.ChunkRetries);
        _working.Clear();
        Notify(force: true);
        _finished.TrySetResult();
        LeaveSoon();
    }

    private Task PersistAsync()
    {
        _lastWrite = WriteAfterAsync(_lastWrite);
        return _lastWrite;
    }

    // Writes are chained: two overlapping writes of one grain's state would conflict on the ETag.
    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The caller of the earlier write saw its error.
        }

        await state.WriteStateAsync();
        _lastPersist = time.GetUtcNow();
    }

    private async Task PersistIfDueAsync()
    {
        if (time.GetUtcNow() - _lastPersist < options.Value.PersistInterval)
        {
            return;
        }

        try
        {
            await PersistAsync();
        }
        catch (Exception ex)
        {
            // A missed write only means recomputing those chunks after a crash; the next one retries.
            LogPersistFailed(logger, Id, ex);
        }
    }
}
