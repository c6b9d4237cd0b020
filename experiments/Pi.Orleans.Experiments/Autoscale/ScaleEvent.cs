namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One rescale: when the controller decided it (run clock, s), from and to how many replicas, the seconds since the burst (scale-up) or
/// since the cluster went idle (scale-down, negative while work was still running), and each worker started or stopped with its timing.
/// </summary>
public sealed record ScaleEvent(double Time, int From, int To, double SinceReference, IReadOnlyList<string> Workers)
{
    public bool Up => To > From;
}
