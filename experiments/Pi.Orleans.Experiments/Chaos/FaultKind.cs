namespace Pi.Orleans.Experiments.Chaos;

/// <summary>The faults of the soak; append only (<see cref="FaultSchedule"/> keeps old seeds' schedules).</summary>
public enum FaultKind
{
    /// <summary>SIGKILL of a worker; a new worker starts on a new host.</summary>
    WorkerKill,

    /// <summary>SIGTERM of a worker (graceful stop); a new worker starts once it exited.</summary>
    WorkerStop,

    /// <summary>SIGKILL of Redis, down for the hold, restarted on its append-only file.</summary>
    RedisRestart,

    /// <summary>SIGKILL of the Api, restarted at once on the same host.</summary>
    ApiRestart,

    /// <summary>SIGKILL of two workers at once; two new workers start.</summary>
    TwoWorkersKill,

    /// <summary>A worker's link down for the hold (20–40 s), then up again.</summary>
    Partition,

    /// <summary>Delay 50 ms and loss 1% between silos for the hold.</summary>
    Impairment,

    /// <summary>SIGSTOP of a worker for the hold (8–20 s), then SIGCONT: a long GC pause or a stalled VM.</summary>
    Freeze,

    /// <summary>A worker's CPU cut to 30% of one core for the hold (15–30 s), then restored: a straggler.</summary>
    Slow,
}
