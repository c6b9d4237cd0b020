using Microsoft.Extensions.Logging;

namespace Pi.Orleans.Grains.Calculations;

internal sealed partial class CalculationGrain
{
    [LoggerMessage(Message = "Calculation {CalculationId} accepted: {TotalPoints} points, {Mode}, seed {Seed}, {Chunks} chunks")]
    private static partial void LogAccepted(ILogger logger, LogLevel level, Guid calculationId, long totalPoints, CalculationMode mode, ulong seed, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid calculationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation {CalculationId} resuming with {ChunksDone}/{ChunksTotal} chunks done")]
    private static partial void LogResuming(ILogger logger, Guid calculationId, int chunksDone, int chunksTotal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calculation {CalculationId} chunk {ChunkIndex} done on {Silo} in {ComputeMs} ms after {QueuedMs} ms queued")]
    private static partial void LogChunkDone(ILogger logger, Guid calculationId, int chunkIndex, string silo, double computeMs, double queuedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} chunk {ChunkIndex} attempt {Attempt} failed ({ErrorType}: {Error}); retrying as a new attempt")]
    private static partial void LogChunkRetry(ILogger logger, Guid calculationId, int chunkIndex, int attempt, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation {CalculationId} chunk {ChunkIndex} attempt {Attempt} failed ({ErrorType}: {Error}); its duplicate attempt still runs")]
    private static partial void LogChunkAttemptFailed(ILogger logger, Guid calculationId, int chunkIndex, int attempt, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation {CalculationId} chunk {ChunkIndex} straggles; duplicate attempt {Attempt} sent to {Silo}")]
    private static partial void LogSpeculated(ILogger logger, Guid calculationId, int chunkIndex, int attempt, string? silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation {CalculationId} cancelled with {ChunksDone}/{ChunksTotal} chunks done")]
    private static partial void LogCancelled(ILogger logger, Guid calculationId, int chunksDone, int chunksTotal);

    [LoggerMessage(Message = "Calculation {CalculationId} finished {Status}: {ChunksDone} chunks, {Retries} retries, {Speculated} duplicates of which {SpeculativeWins} won")]
    private static partial void LogFinished(ILogger logger, LogLevel level, Guid calculationId, CalculationStatus status, int chunksDone, int retries, int speculated, int speculativeWins);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calculation {CalculationId} failed")]
    private static partial void LogFailed(ILogger logger, Guid calculationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} could not write its state")]
    private static partial void LogPersistFailed(ILogger logger, Guid calculationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} could not update the calculation index")]
    private static partial void LogIndexFailed(ILogger logger, Guid calculationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation {CalculationId} deactivated while running ({Reason}); woke its next activation")]
    private static partial void LogHandedOver(ILogger logger, Guid calculationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation {CalculationId} could not remove its resume reminder")]
    private static partial void LogReminderFailed(ILogger logger, Guid calculationId, Exception exception);
}
