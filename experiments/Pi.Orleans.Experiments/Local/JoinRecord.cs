namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// A worker that joined a running calculation and later left it, in seconds of experiment time: process start, /health/ready,
/// first listed by /api/cluster, first busy, first completed chunk, SIGTERM and how long the exit took.
/// </summary>
public sealed record JoinRecord(
    string Worker, double Started, double Ready, double? Listed, double? Busy, double? FirstChunk, double? Stopped, double? ExitSeconds, double Load1)
{
    public double StartToReady => Ready - Started;

    public double? ReadyToListed => Listed - Ready;

    public double? ReadyToBusy => Busy - Ready;

    public double? ReadyToFirstChunk => FirstChunk - Ready;

    public double? ListedToBusy => Busy - Listed;

    public double? ListedToFirstChunk => FirstChunk - Listed;
}
