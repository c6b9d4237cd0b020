namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>One silo of GET /api/cluster; <see cref="ChunksCompleted"/> counts chunks since that silo process started.</summary>
public sealed record SiloJson(string Address, string Name, string Status, bool RunsChunks, int SlotsTotal, long ChunksCompleted);
