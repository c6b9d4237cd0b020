namespace Pi.Orleans.Grains.Calculations;

/// <summary>A chunk failed on every allowed attempt.</summary>
internal sealed class ChunkFailedException(int chunk, int attempts, Exception last)
    : Exception($"chunk {chunk} failed {attempts} times; last error: {last.GetType().Name}: {last.Message}", last);
