using Microsoft.Extensions.Logging;

namespace Pi.Orleans.Grains.Calculations;

public sealed partial class ChunkGrain
{
    // One line per computed attempt key ({calculation}/{chunk}/{attempt}): counting these over every worker's log shows which
    // chunks were computed more than once, including attempts whose result never reached the calculation.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Chunk {ChunkKey} computed on {Silo}: {Points} points in {ComputeMs} ms after {QueuedMs} ms queued")]
    private static partial void LogComputed(ILogger logger, string chunkKey, string silo, long points, double computeMs, double queuedMs);
}
