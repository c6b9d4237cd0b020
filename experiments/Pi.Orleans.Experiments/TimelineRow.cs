namespace Pi.Orleans.Experiments;

/// <summary>
/// One sample of a running experiment, the row format shared by the local and Kubernetes runs and read back by the simulation:
/// worker counts, slots, backlog, submitted and finished points, throughput and the workers' CPU; the HPA columns only in Kubernetes.
/// </summary>
public sealed record TimelineRow(
    double TimeSeconds,
    string Phase,
    int WorkersRunning,
    int WorkersActive,
    int SlotsTotal,
    int SlotsUsed,
    int SlotsQueued,
    long PendingChunks,
    int DesiredWorkers,
    long PointsSubmitted,
    long PointsDone,
    double PointsPerSecond,
    double WorkerCpuCores,
    int? HpaDesiredReplicas = null,
    double? CpuUtilizationPercent = null);
