using Pi.Orleans.Grains.Sampling;

namespace Pi.Orleans.Grains.Calculations;

public sealed partial class CalculationGrain
{
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (S.Status == CalculationStatus.Pending)
            {
                S.Status = CalculationStatus.Running;
                S.StartedAt ??= time.GetUtcNow();
                await PersistAsync();
                await RecordInIndexAsync();
            }

            var plan = new ChunkPlan(S.Request!.TotalPoints, S.BlocksPerChunk, S.ChunksTotal);
            if (S.Request.Mode == CalculationMode.Single)
            {
                await RunSingleAsync(plan, cancellationToken);
            }
            else
            {
                await RunDistributedAsync(plan, cancellationToken);
            }

            await FinishAsync(CalculationStatus.Completed, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled by a user (CancelAsync finishes the state) or stopped by deactivation (resumed later).
        }
        catch (Exception ex)
        {
            LogFailed(logger, Id, ex);
            await FinishAsync(CalculationStatus.Failed, ex.Message);
        }
    }

    // Single mode: every chunk in turn on this silo, one slot, so one core.
    private async Task RunSingleAsync(ChunkPlan plan, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            if (S.Chunks.ContainsKey(i))
            {
                continue;
            }

            var work = plan.Work(seed, i);
            var run = await localSlots.RunAsync(
                () => PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, cancellationToken),
                cancellationToken);
            Record(i, new ChunkResult(run.Value, work.Points, localSilo.Name, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds));
            await PersistIfDueAsync();
        }
    }

    // Distributed mode: a sliding window of chunk calls, sized from the slots the cluster has now, so silos that
    // join later are counted and receive chunks; each attempt has its own grain key and so its own placement.
    private async Task RunDistributedAsync(ChunkPlan plan, CancellationToken cancellationToken)
    {
        var seed = S.Request!.Seed;
        var pending = new Queue<int>(Enumerable.Range(0, plan.ChunkCount).Where(i => !S.Chunks.ContainsKey(i)));
        var attempts = new Dictionary<int, int>();
        var inFlight = new Dictionary<Task<ChunkResult>, int>();
        while (pending.Count > 0 || inFlight.Count > 0)
        {
            var window = await WindowAsync(cancellationToken);
            while (inFlight.Count < window && pending.TryDequeue(out var index))
            {
                var attempt = attempts[index] = attempts.GetValueOrDefault(index) + 1;
                var chunk = GrainFactory.GetGrain<IChunkGrain>($"{Id:N}/{index}/{attempt}");
                var call = chunk.ComputeAsync(plan.Work(seed, index), cancellationToken)
                    .WaitAsync(options.Value.ChunkTimeout, cancellationToken);
                inFlight.Add(call, index);
            }

            var done = await Task.WhenAny(inFlight.Keys);
            var finished = inFlight[done];
            inFlight.Remove(done);
            try
            {
                Record(finished, await done);
                await PersistIfDueAsync();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var tried = attempts[finished];
                if (tried >= options.Value.MaxChunkAttempts)
                {
                    throw new ChunkFailedException(finished, tried, ex);
                }

                S.ChunkRetries++;
                LogChunkRetry(logger, Id, finished, tried, ex.GetType().Name, ex.Message);
                pending.Enqueue(finished);
            }
        }
    }

    private async Task<int> WindowAsync(CancellationToken cancellationToken)
    {
        var silos = await clusterSlots.ReadCachedAsync(cancellationToken);
        var slots = silos.Where(s => s.RunsChunks).Sum(s => s.Total);
        return Math.Max(1, slots * options.Value.InFlightPerSlot);
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

        LogFinished(logger, Id, status, S.Chunks.Count, S.ChunkRetries);
        _finished.TrySetResult();
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
