namespace Pi.Orleans.Experiments.Bench;

/// <summary>One part of a bench suite (e.g. sizes, frozen, requests): it starts what it needs, records rows, and stops it all.</summary>
public interface IBenchPart
{
    /// <summary>The part's name for --only.</summary>
    string Name { get; }

    /// <summary>The command-line tools the part calls, besides dotnet and redis-server.</summary>
    IReadOnlyList<string> Tools => [];

    Task MeasureAsync(BenchRun run, CancellationToken cancellationToken);
}
