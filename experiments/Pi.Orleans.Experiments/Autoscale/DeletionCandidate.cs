namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>A replica the scale-down may remove: whether it is ready, its pod-deletion cost (busy slots) and when it started.</summary>
public sealed record DeletionCandidate(string Name, bool Ready, int Cost, double Started);
