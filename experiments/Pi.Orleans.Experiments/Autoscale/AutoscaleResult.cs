using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>Both metrics' runs on the same load, with the machine, the expected counts and where the processes' logs are.</summary>
public sealed record AutoscaleResult(
    AutoscaleOptions Options,
    StepsProfile Script,
    string LoadFile,
    string Machine,
    DateTimeOffset StartedAt,
    bool Pinned,
    IReadOnlyList<MetricRun> Runs,
    IReadOnlyDictionary<(ulong Seed, long Points), long> Expected,
    double ExpectedSeconds,
    string LogDirectory);
