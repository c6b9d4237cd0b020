namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Every bench suite with the sizes its script used: full, quick (`--quick`) and smoke (tiny, to check the driver; its report
/// stays in the run's work folder).
/// </summary>
public static class BenchSuites
{
    public static IReadOnlyList<BenchSuite> All { get; } =
    [
        new("service", "service", "Service",
            "The service around the kernel (was benchmarks/service-perf.sh): the README's command in a fresh clone, JIT settings against the bare sampler, a fresh worker's first chunk, scale-out, small requests per second (hey), RSS over a soak (hey) and at idle.",
            ["redis-server"], Service),
        new("adaptive", "adaptive", "Adaptive scheduling",
            "Adaptive scheduling (was benchmarks/adaptive-perf.sh): sizes against the bare sampler, scale-out against the ceiling, a frozen, a slow and a joining worker.",
            ["redis-server"], Adaptive),
        new("sizes", "sizes", "Sizes",
            "The embedded default against the bare sampler over calculation sizes (adaptive's sizes part).", [], o => [.. Adaptive(o).Where(p => p.Name == "sizes")]),
        new("scale-out", "scale-out", "Scale-out",
            "Api + 1 and + 2 workers against the bare sampler's 1 and 2 threads, and the same with DOTNET_TieredCompilation=0 (was benchmarks/e2e/scale-out.sh in run-all.sh).",
            ["redis-server"], o => [new ScaleOutPart("2e10", Pick(o, 3, 1, 1), o.IsSmoke ? "1e9" : "4e10", true, false)]),
        new("overhead", "overhead", "Grain overhead",
            "The embedded Api with two slots against the bare sampler, with tiered compilation off, and Api + 1 Silo (was benchmarks/e2e/overhead.sh in run-all.sh).",
            ["redis-server"], o => [new OverheadPart(o.IsSmoke ? "1e9" : "1e10", Pick(o, 3, 1, 1), !o.IsQuick && !o.IsSmoke)]),
        new("latency", "latency", "Latency",
            "Single 10^6-point calculations from 16 closed-loop clients (the load generator), embedded and Api + 2 Silos (was benchmarks/e2e/latency.sh in run-all.sh).",
            ["redis-server"], o => [new LatencyPart(Pick(o, 10000, 2000, 200))]),
        new("memory", "memory", "Memory",
            "Idle RSS after start and after a calculation, and a calculation's persisted state in Redis (was benchmarks/e2e/memory.sh in run-all.sh).",
            ["redis-server"], o => [new MemoryPart(Pick(o, 10, 5, 1))]),
        new("all", "latest", "Performance",
            "Every goal of docs/performance.md in one run (was benchmarks/run-all.sh with e2e/report.py): the sampler kernels, the C limit and the peers, the grain overhead, scale-out, latency, memory and state size; writes results/bench/latest.md and latest.tsv.",
            ["redis-server"], o => [new SamplerPart(o.IsQuick || o.IsSmoke), new OverheadPart(o.IsSmoke ? "1e9" : "1e10", Pick(o, 3, 1, 1), !o.IsQuick && !o.IsSmoke),
                new ScaleOutPart(o.IsSmoke ? "2e9" : "2e10", Pick(o, 3, 1, 1), o.IsSmoke ? "1e9" : "4e10", true, false), new LatencyPart(Pick(o, 10000, 2000, 200)), new MemoryPart(Pick(o, 10, 5, 1))]),
        new("sampler", "sampler", "Sampler and peers",
            "The kernels under BenchmarkDotNet, the C limit, the bare sampler on one thread and the NumPy and Java peers (was benchmarks/e2e/sampler.sh with bdn_rates.py).",
            [], o => [new SamplerPart(o.IsQuick || o.IsSmoke)]),
        new("hot-grain", "hot-grain", "Hot grain",
            "Chunk completions per second one calculation grain takes, with one-block chunks (was benchmarks/e2e/hot-grain.sh).",
            ["redis-server"], o => [new HotGrainPart(Pick(o, 300000, 300000, 2000), 64, "embedded"), new HotGrainPart(Pick(o, 300000, 300000, 2000), 64, "redis")]),
        new("starvation", "starvation", "Worker under a 1-CPU quota",
            "Issue #22: one worker held to one CPU by a cgroup quota (as the chart's limit), at full load: Orleans' thread-pool stall and degraded-health lines in its log, its pool queue and how fast it answers, for the --baseline commit's Silo (default main) and this tree's in turns.",
            ["redis-server"], o => [new StarvationPart(o.IsSmoke ? "1e9" : o.IsQuick ? "1e10" : "3e10", o.IsSmoke ? 2 : 4, Pick(o, 2, 1, 1), o.Baseline)]),
        new("load", "load", "Load test",
            "Redis (AOF), two workers and the Api under the load generator's mix profile, with RSS growth and /metrics (was benchmarks/load/run-load.sh).",
            ["redis-server"], o => [new LoadTestPart(Pick(o, 200, 200, 8), Pick(o, 15, 15, 2), Pick(o, 60, 60, 5), 10)]),
        new("footprint", "footprint", "Local cluster footprint",
            "Start time and summed RSS and PSS of the Aspire AppHost against `pi cluster up`, each with redis, the Api and 2 workers (was experiments/footprint/startup-footprint.sh).",
            ["redis-server"], o => [new FootprintPart(Pick(o, 3, 1, 1))]),
    ];

    /// <summary>The suite's parts by name, in order.</summary>
    public static IReadOnlyList<string> PartNames(BenchSuite suite, BenchOptions options) => [.. suite.Parts(options).Select(p => p.Name).Distinct()];

    private static IReadOnlyList<IBenchPart> Service(BenchOptions o) =>
    [
        new NewcomerPart(),
        new TieringPart(o.IsSmoke ? "1e9" : "1e10", Pick(o, 3, 1, 1)),
        new FirstChunkPart(o.IsSmoke ? "2e9" : "2e10"),
        new ScaleOutPart(o.IsSmoke ? "2e9" : "2e10", Pick(o, 3, 1, 1), o.IsSmoke ? "1e9" : "4e10", true, false),
        new RequestsPart(Pick(o, 20, 10, 2)),
        new SoakPart(Pick(o, 8, 3, 2), Pick(o, 12000, 4000, 200)),
        new IdlePart(Pick(o, 10, 5, 1)),
    ];

    // sizes: repeats, warm-up, sizes; scale-out: points, repeats, warm-up; frozen and slow: points, warm-up; joining: seconds of
    // work on one slot, seconds to the second worker's start, warm-up.
    private static IReadOnlyList<IBenchPart> Adaptive(BenchOptions o) => o.Mode switch
    {
        "smoke" => [new SizesPart(1, "1e9", ["1e8", "1e9"]), new ScaleOutPart("2e9", 1, "1e9", false, true), new FrozenPart("4e9", "1e9"), new SlowPart("3e9", "1e9", o.DutyOnly), new JoiningPart(10, 1, "1e9")],
        "quick" => [new SizesPart(1, "2e10", ["1e9", "3e9", "1e10", "3e10"]), new ScaleOutPart("2e10", 1, "2e10", false, true), new FrozenPart("2e10", "2e10"), new SlowPart("2e10", "2e10", o.DutyOnly), new JoiningPart(15, 5, "2e10")],
        _ => [new SizesPart(3, "4e10", ["3e9", "1e10", "3e10", "1e11"]), new ScaleOutPart("2e10", 3, "4e10", false, true), new FrozenPart("6e10", "4e10"), new SlowPart("4e10", "4e10", o.DutyOnly), new JoiningPart(30, 5, "4e10")],
    };

    private static int Pick(BenchOptions o, int full, int quick, int smoke) => o.IsSmoke ? smoke : o.IsQuick ? quick : full;
}
