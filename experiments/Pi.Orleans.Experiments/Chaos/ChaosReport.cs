using System.Globalization;
using System.Text;
using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Writes report.md, timeline.svg and the CSVs behind them (calculations, faults, answers, timeline, memory).</summary>
public static class ChaosReport
{
    public const string ReportFile = "report.md";

    private static readonly string[] Colors = ["#d62728", "#ff7f0e", "#8c564b", "#9467bd", "#e377c2", "#1f77b4", "#2ca02c", "#bcbd22", "#17becf"];

    public static async Task WriteAsync(ChaosResult r, string directory, string commandLine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var calculations = new CsvWriter("id", "mode", "seed", "points", "submitted_s", "finished_s", "status", "result_inside", "expected_inside", "exact",
            "chunks_total", "chunk_retries", "attempts_computed", "chunks_computed_twice", "not_found_reads", "error");
        foreach (var c in r.Calculations)
        {
            calculations.Add(c.Id, c.Mode, c.Seed, c.Points, c.SubmittedAt, c.FinishedAt, c.Status, c.ResultInside, c.Expected,
                c.Status == "completed" ? c.ResultInside == c.Expected : null, c.ChunksTotal, c.ChunkRetries, c.AttemptsComputed, c.ChunksComputedTwice, c.NotFound, c.Error);
        }

        var faults = new CsvWriter("start_s", "end_s", "fault", "target", "outcome");
        foreach (var f in r.Faults)
        {
            faults.Add(f.Start, f.End, f.Kind, f.Target, f.Outcome);
        }

        var answers = new CsvWriter("request", "answer", "count");
        foreach (var (request, answer, count) in r.Answers)
        {
            answers.Add(request, answer, count);
        }

        var timeline = new CsvWriter("time_s", "in_flight", "completed", "failed", "singles_answered", "workers_running", "workers_listed", "faults");
        foreach (var s in r.Timeline)
        {
            timeline.Add(s.Time, s.InFlight, s.Completed, s.Failed, s.SinglesAnswered, s.WorkersRunning, s.WorkersListed, s.Faults);
        }

        var memory = new CsvWriter("process", "when", "rss_mib");
        foreach (var m in r.Memory)
        {
            memory.Add(m.Process, m.When, m.RssMiB);
        }

        await calculations.SaveAsync(Path.Combine(directory, "calculations.csv"), cancellationToken);
        await faults.SaveAsync(Path.Combine(directory, "faults.csv"), cancellationToken);
        await answers.SaveAsync(Path.Combine(directory, "answers.csv"), cancellationToken);
        await timeline.SaveAsync(Path.Combine(directory, "timeline.csv"), cancellationToken);
        await memory.SaveAsync(Path.Combine(directory, "memory.csv"), cancellationToken);
        await SvgChart.SaveAsync(Path.Combine(directory, "timeline.svg"), "Chaos soak: load, completions and faults", Panels(r), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), Markdown(r, commandLine), cancellationToken);
    }

    private static List<ChartPanel> Panels(ChaosResult r)
    {
        var t = r.Timeline;
        List<(double, double)> Series(Func<TimelineSample, double> y) => [.. t.Select(s => (s.Time, y(s)))];
        var kinds = Enum.GetValues<FaultKind>();
        return
        [
            new("In flight and workers", "seconds", "count",
            [
                new("distributed calculations in flight", "#1f77b4", Series(s => s.InFlight), Step: true),
                new("workers running", "#2ca02c", Series(s => s.WorkersRunning), Step: true),
                new("workers listed by the Api", "#7f7f7f", Series(s => s.WorkersListed ?? 0), Step: true, Dashed: true),
            ]),
            new("Completions (cumulative)", "seconds", "calculations",
            [
                new("distributed completed", "#1f77b4", Series(s => s.Completed), Step: true),
                new("single answered", "#17becf", Series(s => s.SinglesAnswered), Step: true),
                new("failed", "#d62728", Series(s => s.Failed), Step: true),
            ]),
            new("Faults holding (one level per kind)", "seconds", "fault", [.. kinds.Select((k, i) => new ChartSeries(
                k.ToString(), Colors[i % Colors.Length], [.. t.Select(s => (s.Time, Holding(r, k, s.Time) ? i + 1.0 : 0.0))], Step: true))], YMax: kinds.Length + 1),
        ];
    }

    // Instant faults (kills) are drawn one second wide.
    private static bool Holding(ChaosResult r, FaultKind kind, double time) =>
        r.Faults.Any(f => f.Kind == kind && time >= f.Start && time <= Math.Max(f.End, f.Start + 1));

    private static string Markdown(ChaosResult r, string commandLine)
    {
        var c = r.Calculations;
        var distributed = c.Where(x => x.Mode == "distributed").ToList();
        var single = c.Where(x => x.Mode == "single").ToList();
        var md = new StringBuilder();
        md.AppendLine("# Chaos soak").AppendLine();
        md.AppendLine(Inv($"**Verdict: {(r.Passed ? "every invariant held" : "INVARIANTS BROKEN")}.** {r.Options.Duration.TotalSeconds:0} s of load and faults, seed {r.Options.Seed}, started {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Elapsed.TotalSeconds:0} s in all with the drain."));
        md.AppendLine().AppendLine(Inv($"- Command: `{commandLine}`"));
        md.AppendLine(Inv($"- Machine: {MachineInfo.Describe()}; load average at the end {MachineInfo.LoadText()}"));
        md.AppendLine(Inv($"- Network: {r.Network}"));
        md.AppendLine(Inv($"- Slow fault (a worker's CPU cut to 30% of one core): {r.Slowing}"));
        md.AppendLine(Inv($"- Cluster: redis-server (AOF, appendfsync everysec), the Api, {r.Options.Workers} workers with Pi:Slots={r.Options.SlotsPerWorker}, Pi:ChunkPoints={r.Options.ChunkPoints}; other settings the product's defaults"));
        md.AppendLine(Inv($"- Load: up to {r.Options.DistributedInFlight} distributed calculations in flight, drawn from {distributed.Select(x => (x.Seed, x.Points)).Distinct().Count()} (seed, points) pairs, plus a stream of single-mode ones; every expected count computed in-process by the sampler over all points at once"));
        md.AppendLine().AppendLine("## Invariants").AppendLine();
        md.Append(MarkdownTable.Render(["invariant", "held", "seen"], r.Invariants.Select(i => (IReadOnlyList<string>)[i.Name, i.Held ? "yes" : "**NO**", i.Detail])));
        md.AppendLine().AppendLine("## Calculations").AppendLine();
        md.Append(MarkdownTable.Render(["mode", "accepted", "completed", "exact", "failed", "cancelled", "chunk retries", "chunk attempts computed", "chunks computed twice"],
            new[] { ("distributed", distributed), ("single", single) }.Select(g => (IReadOnlyList<string>)
            [
                g.Item1, Num(g.Item2.Count), Num(g.Item2.Count(x => x.Status == "completed")), Num(g.Item2.Count(x => x.Status == "completed" && x.ResultInside == x.Expected)),
                Num(g.Item2.Count(x => x.Status == "failed")), Num(g.Item2.Count(x => x.Status == "cancelled")), Num(g.Item2.Sum(x => x.ChunkRetries)),
                Num(g.Item2.Sum(x => x.AttemptsComputed)), Num(g.Item2.Sum(x => x.ChunksComputedTwice)),
            ])));
        md.AppendLine().AppendLine("Chunks computed twice come from the workers' per-attempt log lines (a chunk index computed more than once: by a retry, by a resumed calculation, or by a speculative duplicate attempt on another silo that finished too); a SIGKILLed worker's unflushed last lines are not counted. "
            + "Computing a chunk twice costs time, not correctness, so it is counted here and is no invariant: a calculation counts each chunk once, whichever attempt finishes first, and the exact result of every completed calculation shows that no chunk was counted twice or left out.");
        foreach (var f in c.Where(x => x.Status == "failed"))
        {
            md.AppendLine(Inv($"- failed: {f.Id} ({f.Mode}, {f.Points} points): {f.Error}"));
        }

        md.AppendLine().AppendLine("## Faults").AppendLine();
        md.AppendLine("The seeded schedule (times from the start of the load; each fault's target is picked at its time among the workers running and reachable):").AppendLine();
        md.Append(MarkdownTable.Render(["at (s)", "fault", "hold (s)"], r.Schedule.Select(s => (IReadOnlyList<string>)[Inv($"{s.At.TotalSeconds:0.0}"), s.Kind.ToString(), Inv($"{s.Hold.TotalSeconds:0}")])));
        md.AppendLine().AppendLine("As it happened:").AppendLine();
        md.Append(MarkdownTable.Render(["start (s)", "end (s)", "fault", "target", "outcome"],
            r.Faults.Select(f => (IReadOnlyList<string>)[Inv($"{f.Start:0.0}"), Inv($"{f.End:0.0}"), f.Kind.ToString(), f.Target, f.Outcome])));
        md.AppendLine().AppendLine("## Answers by status code").AppendLine();
        md.Append(MarkdownTable.Render(["request", "answer", "count"], r.Answers.Select(a => (IReadOnlyList<string>)[a.Request, a.Answer, Num(a.Count)])));
        md.AppendLine().AppendLine("503 with Retry-After is allowed while a fault holds; 500 is not. \"no answer\" is a refused or timed-out connection (the Api down, or a submission waiting on Redis).");
        md.AppendLine().AppendLine("## Memory (RSS)").AppendLine();
        md.Append(MarkdownTable.Render(["process (#start)", "start MiB", "end MiB"], r.Memory.GroupBy(m => m.Process).Select(g => (IReadOnlyList<string>)
        [
            g.Key, g.FirstOrDefault(m => m.When == "start")?.RssMiB.ToString("0", CultureInfo.InvariantCulture) ?? "(started later)",
            g.FirstOrDefault(m => m.When == "end")?.RssMiB.ToString("0", CultureInfo.InvariantCulture) ?? "(gone)",
        ])));
        if (r.UnexpectedExits.Count > 0)
        {
            md.AppendLine().AppendLine("Processes that exited without the soak ending them: " + string.Join(", ", r.UnexpectedExits));
        }

        md.AppendLine().AppendLine("## Timeline").AppendLine().AppendLine("![timeline](timeline.svg)").AppendLine();
        md.AppendLine("Files: `calculations.csv` (every accepted calculation, expected and actual count, retries, chunks computed twice), `faults.csv`, `answers.csv`, `timeline.csv` (one row a second), `memory.csv`.");
        return md.ToString();
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
