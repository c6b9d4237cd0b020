namespace Pi.Orleans.Hosting;

/// <summary>What this silo process is: its role, whether it runs the embedded default and whether it computes chunks.</summary>
public sealed record SiloDescription(SiloRole Role, bool Embedded, bool RunsChunks);
