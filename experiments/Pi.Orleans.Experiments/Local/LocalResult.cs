namespace Pi.Orleans.Experiments.Local;

/// <summary>Everything one local run measured, for the CSV files, the charts and the report.</summary>
public sealed record LocalResult(
    LocalExperimentOptions Options,
    string Machine,
    DateTimeOffset StartedAt,
    IReadOnlyList<(string When, string Load)> Loads,
    IReadOnlyList<LadderRow> Ladder,
    JoinLeaveResult? JoinLeave,
    IReadOnlyList<TimelineRow> Timeline,
    IReadOnlyList<PodRow> Pods,
    string LogDirectory);
