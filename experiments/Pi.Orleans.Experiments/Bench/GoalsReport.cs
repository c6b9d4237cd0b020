using System.Globalization;
using System.Text;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The goals report of `bench all` (was benchmarks/e2e/report.py over run-all.sh's rows): every goal of docs/performance.md with
/// its target, the measured number, its ratio to the C limit and the peers, the load while it was taken, and a verdict.
/// </summary>
public static class GoalsReport
{
    public static string Markdown(GoalRows r, IReadOnlyDictionary<string, string> machine)
    {
        var goals = new List<string>();
        void Goal(int number, string what, string target, string measured, string compared, bool? ok, params string[] names) =>
            goals.Add($"| {number} | {what} | {target} | {measured} | {compared} | {r.Load(names)} | {GoalRows.Verdict(ok)} |");
        string F(double? v, int d = 0) => GoalRows.Fmt(v, d);

        var limit = r.Value("limit.c-avx512");
        var (v512, v256, scalar, same) = (r.Value("sampler.Vector512"), r.Value("sampler.Vector256"), r.Value("sampler.Scalar"), r.Value("limit.same-count"));
        Goal(1, "Sampler, Vector512 kernel (BenchmarkDotNet)", "≥ 3,000 Mpoints/s/core", $"{F(v512)} Mpoints/s", $"{GoalRows.Ratio(v512, limit)} the C limit", v512 is null ? null : v512 >= 3000, "sampler.Vector512");
        Goal(1, "Sampler, Vector256 kernel", "—", $"{F(v256)} Mpoints/s", $"{GoalRows.Ratio(v256, limit)} the C limit", null, "sampler.Vector256");
        Goal(1, "Sampler, Scalar kernel", "—", $"{F(scalar)} Mpoints/s", $"{GoalRows.Ratio(scalar, limit)} the C limit", null, "sampler.Scalar");
        Goal(1, "Bare sampler, 1 thread, same 2^30 points as the C program", "—", $"{F(r.Value("sampler.bare-1-thread"))} Mpoints/s",
            $"{GoalRows.Ratio(r.Value("sampler.bare-1-thread"), limit)} the C limit; same count as C: {(same == 1 ? "yes" : same is null ? "—" : "NO")}", null, "sampler.bare-1-thread");
        Goal(1, "C limit: hand-written AVX-512, exact integer test", "—", $"{F(limit)} Mpoints/s",
            $"as written (x(x+1)+y(y+1) < 2^62): {F(r.Value("limit.c-avx512-literal"))}; plain C, GCC-vectorised: {F(r.Value("limit.c-plain"))}", null,
            "limit.c-avx512", "limit.c-avx512-literal", "limit.c-plain");

        var (bare, embedded, redis1, points) = (r.Value("overhead.bare-s"), r.Value("overhead.embedded-s"), r.Value("overhead.redis-1-worker-s"), r.Value("overhead.points"));
        var sameCounts = r.Of("overhead.same-count").Select(x => x.Value).ToList();
        Goal(2, $"Grain overhead: {F(points / 1e10)}·10^10 points distributed, one silo, 2 slots (embedded Api)", "≤ 1.05× bare",
            $"{F(embedded, 3)} s vs bare {F(bare, 3)} s (median of {r.Runs("overhead.bare-s")})",
            $"{GoalRows.Ratio(embedded, bare, 3)}; same count as bare: {(sameCounts.Count == 0 ? "—" : sameCounts.All(v => v == "1") ? "yes" : "NO")}",
            embedded is null || bare is null ? null : embedded <= 1.05 * bare, "overhead.bare-s", "overhead.embedded-s");
        if (r.Value("overhead.embedded-tc0-s") is { } tc0)
        {
            Goal(2, "Diagnostic: the same with DOTNET_TieredCompilation=0 in the service", "≤ 1.05× bare", $"{F(tc0, 3)} s vs bare {F(bare, 3)} s",
                GoalRows.Ratio(tc0, bare, 3), bare is null ? null : tc0 <= 1.05 * bare, "overhead.embedded-tc0-s");
        }

        if (redis1 is not null)
        {
            Goal(2, "Grain overhead, Api + 1 Silo (Redis), 2 slots", "≤ 1.05× bare", $"{F(redis1, 3)} s vs bare {F(bare, 3)} s",
                GoalRows.Ratio(redis1, bare, 3), bare is null ? null : redis1 <= 1.05 * bare, "overhead.redis-1-worker-s");
        }

        var (one, two, spoints) = (r.Value("scale.workers-1-s"), r.Value("scale.workers-2-s"), r.Value("scale.points"));
        double? Rate(double? s) => s is null || spoints is null ? null : spoints / s / 1e6;
        var (b1, b2) = (r.Value("scale.bare-1-thread-s"), r.Value("scale.bare-2-thread-s"));
        Goal(3, "Machine ceiling: bare sampler, 1 → 2 plain threads, same points", "—", $"{F(Rate(b1))} → {F(Rate(b2))} Mpoints/s ({F(b1, 2)} s → {F(b2, 2)} s)",
            GoalRows.Ratio(b1, b2), null, "scale.bare-1-thread-s", "scale.bare-2-thread-s");
        Goal(3, $"Scale-out: 1 → 2 worker Silos (Redis), --Pi:Slots=1 each, {F(spoints / 1e10)}·10^10 points", "≥ 1.8×",
            $"{F(Rate(one))} → {F(Rate(two))} Mpoints/s ({F(one, 2)} s → {F(two, 2)} s)", GoalRows.Ratio(one, two),
            one is null || two is null ? null : one / two >= 1.8, "scale.workers-1-s", "scale.workers-2-s");
        if (r.Value("scale.workers-1-tc0-s") is { } one0 && r.Value("scale.workers-2-tc0-s") is { } two0)
        {
            Goal(3, "Diagnostic: the same with DOTNET_TieredCompilation=0 in every silo", "≥ 1.8×",
                $"{F(Rate(one0))} → {F(Rate(two0))} Mpoints/s ({F(one0, 2)} s → {F(two0, 2)} s)", GoalRows.Ratio(one0, two0), one0 / two0 >= 1.8,
                "scale.workers-1-tc0-s", "scale.workers-2-tc0-s");
        }

        foreach (var (setup, label) in new[] { ("embedded", "embedded default"), ("redis-2-workers", "Api + 2 Silos, Redis") })
        {
            var (p50, p99, errors) = (r.Value($"latency.{setup}.p50-ms"), r.Value($"latency.{setup}.p99-ms"), r.Value($"latency.{setup}.errors"));
            var note = r.Note($"latency.{setup}.p50-ms");
            Goal(4, $"Single 10^6 points over HTTP, 16 clients, {label}", "p50 ≤ 5 ms, p99 ≤ 25 ms",
                $"p50 {F(p50, 2)}, p90 {F(r.Value($"latency.{setup}.p90-ms"), 2)}, p99 {F(p99, 2)}, max {F(r.Value($"latency.{setup}.max-ms"), 1)} ms",
                note.Length == 0 ? "—" : note.Split(", ", 3)[^1], p50 is null || p99 is null ? null : p50 <= 5 && p99 <= 25 && errors == 0, $"latency.{setup}.p50-ms");
        }

        foreach (var (key, what) in new[] { ("worker", "Idle worker Silo RSS (Redis mode)"), ("api", "Idle Api (front silo) RSS, Redis mode"), ("embedded", "Idle embedded Api RSS (one process)") })
        {
            var (idle, after) = (r.Value($"memory.{key}-idle-mb"), r.Value($"memory.{key}-after-mb"));
            Goal(5, what, "≤ 150 MB", $"{F(idle)} MB after start, {F(after)} MB after a calculation", "VmRSS",
                idle is null ? null : Math.Max(idle.Value, after ?? 0) <= 150, $"memory.{key}-idle-mb", $"memory.{key}-after-mb");
        }

        if (r.Value("memory.embedded-no-dashboard-idle-mb") is { } noDashboard)
        {
            var emb = r.Value("memory.embedded-idle-mb");
            Goal(5, "Idle embedded Api RSS, --Dashboard:Enabled=false", "≤ 150 MB", $"{F(noDashboard)} MB after start",
                $"the dashboard costs {F(emb - noDashboard)} MB", noDashboard <= 150, "memory.embedded-no-dashboard-idle-mb");
        }

        var four = r.Value("state.4096-chunks-bytes");
        Goal(5, "Persisted state, finished 4096-chunk calculation (the most chunks any calculation has)", "≤ 1 MB (1,048,576 B)",
            $"{F(four)} B; 1 chunk: {F(r.Value("state.1-chunk-bytes"))} B", $"{F(r.Value("state.bytes-per-chunk"))} B per chunk: O(chunks)",
            four is null || !r.Note("state.4096-chunks-bytes").Contains("4096 chunks", StringComparison.Ordinal) ? null : four <= 1 << 20, "state.4096-chunks-bytes");
        var cancelled = r.Value("state.1e13-cancelled-bytes");
        Goal(5, "Persisted state, 10^13 points cancelled after 5 s", "≤ 1 MB", $"{F(cancelled)} B",
            r.Runs("state.1e13-cancelled-bytes") == 0 ? "—" : r.Note("state.1e13-cancelled-bytes").Split(';')[0], cancelled is null ? null : cancelled <= 1 << 20, "state.1e13-cancelled-bytes");

        var text = new StringBuilder();
        string M(string key) => machine.GetValueOrDefault(key, "?");
        text.AppendLine("# Performance results").AppendLine();
        text.AppendLine($"Mode **{M("mode")}**, {M("started")} → {M("finished")} (UTC). Load average (1, 5, 15 min) at start {M("load_at_start")}, at end {M("load_at_end")}; "
            + $"{machine.GetValueOrDefault("quiet", "")}. Each row's load is the 1-minute load average just before its measurement and, in brackets, the share of both cores "
            + "that was busy over the second before it while nothing of this run computed: anything well above 0% means other work shared the cores (the load average also "
            + "counts this run's own processes of the minute before).").AppendLine();
        text.AppendLine("| Machine | |").AppendLine("|---|---|");
        foreach (var key in new[] { "cpu", "cores", "cpu_flags", "memory", "os", "dotnet", "gcc", "java", "numpy", "redis" })
        {
            text.AppendLine($"| {key} | {M(key)} |");
        }

        text.AppendLine().AppendLine("## Goals").AppendLine();
        text.AppendLine("| # | Measurement | Target | Measured | Ratio / detail | Load | Verdict |").AppendLine("|---|---|---|---|---|---|---|");
        goals.ForEach(g => text.AppendLine(g));
        text.AppendLine().AppendLine("## Peers, one core each, same run (goal 6)").AppendLine();
        text.AppendLine("| Program | Mpoints/s | Vector512 kernel ÷ it | Load |").AppendLine("|---|---|---|---|");
        foreach (var (label, name) in new[] { ("C, hand-written AVX-512 (the limit)", "limit.c-avx512"), ("C, plain loop, GCC -O3 -march=native", "limit.c-plain"),
            ("C# naive, Random.Shared", "peer.csharp-random-shared"), ("NumPy, float64, chunks of 10^7", "peer.numpy"),
            ("Java SparkPi loop, Math.random()", "peer.java-math-random"), ("Java SparkPi loop, ThreadLocalRandom", "peer.java-threadlocalrandom") })
        {
            var v = r.Value(name);
            text.AppendLine($"| {label} | {F(v, (v ?? 0) < 1000 ? 1 : 0)} | {GoalRows.Ratio(v512, v, 1)} | {r.Load(name)} |");
        }

        text.AppendLine().AppendLine("## Every measurement").AppendLine();
        text.AppendLine("| Name | Value | Load before | Busy before | Note |").AppendLine("|---|---|---|---|---|");
        foreach (var row in r.All.GroupBy(x => x.Name).SelectMany(g => g))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Value} | {row.Load:0.00} | {(row.Busy is { } b ? $"{b}%" : "—")} | {row.Note.Replace('|', '/')} |"));
        }

        return text.ToString();
    }
}
