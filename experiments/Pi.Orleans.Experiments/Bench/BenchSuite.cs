namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// One `bench` subcommand: its report's file prefix and title, the tools it calls, and its parts for a run's options (sizes
/// by mode: full, quick, smoke).
/// </summary>
public sealed record BenchSuite(string Command, string Prefix, string Title, string Description, IReadOnlyList<string> Tools, Func<BenchOptions, IReadOnlyList<IBenchPart>> Parts);
