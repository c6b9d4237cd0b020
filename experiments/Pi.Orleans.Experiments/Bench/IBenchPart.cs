namespace Pi.Orleans.Experiments.Bench;

/// <summary>One part of a bench suite (e.g. sizes, frozen, requests): it starts what it needs, records rows, and stops it all.</summary>
public interface IBenchPart
{
    /// <summary>The part's name for --only.</summary>
    string Name { get; }

    Task MeasureAsync(BenchRun run, CancellationToken cancellationToken);
}
