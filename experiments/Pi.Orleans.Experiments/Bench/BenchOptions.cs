namespace Pi.Orleans.Experiments.Bench;

/// <summary>How a bench run goes: its size, its parts, where results go, how long to wait for quiet cores, and the builds.</summary>
public sealed record BenchOptions
{
    /// <summary>full, quick (smaller sizes, fewer repeats) or smoke (tiny sizes: checks the driver; its numbers are not results). Default: full.</summary>
    public string Mode { get; init; } = "full";

    /// <summary>The parts to measure; empty means every part of the suite. Default: every part.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>The repository root. Default: found above the current folder.</summary>
    public required string Root { get; init; }

    /// <summary>Where reports go. Default: results/bench under the root (a smoke run's stay in <see cref="Work"/>).</summary>
    public string? Out { get; init; }

    /// <summary>Logs and scratch files of this run. Default: a new folder under /tmp.</summary>
    public required string Work { get; init; }

    /// <summary>Seconds to wait before each measurement for a second with at most <see cref="QuietBusy"/> % busy cores (0: no wait). Default: 30.</summary>
    public double QuietTimeout { get; init; } = 30;

    /// <summary>The busy share (%) a quiet second may have. Default: 10.</summary>
    public int QuietBusy { get; init; } = 10;

    /// <summary>Whether to skip the Release build of the hosts and the bare sampler. Default: false.</summary>
    public bool NoBuild { get; init; }

    /// <summary>The build configuration of the hosts and the bare sampler. Default: Release.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The key of Redis-mode clusters (never a real secret). Default: bench-key.</summary>
    public string ApiKey { get; init; } = "bench-key";

    /// <summary>Whether the slow worker is held by the SIGSTOP/SIGCONT duty cycle even where a cgroup can be made (SLOW_BY=duty). Default: false.</summary>
    public bool DutyOnly { get; init; }

    /// <summary>The commit whose Silo `starvation` measures against this tree's (a branch, tag or hash). Default: main.</summary>
    public string Baseline { get; init; } = "main";

    public bool IsQuick => Mode == "quick";

    public bool IsSmoke => Mode == "smoke";

    /// <summary>Where this run's reports go.</summary>
    public string OutFolder => Out ?? (IsSmoke ? Work : Path.Combine(Root, "results", "bench"));
}
