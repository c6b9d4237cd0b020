using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Start time and memory of the two ways to run a local cluster (redis, the Api, 2 workers): the Aspire AppHost (`dotnet run
/// --project AppHost`) and `pi cluster up` (`dotnet run --project cli/Pi.Orleans.Cli -- cluster up`). Ready: from the command's
/// start until the Api answers /health/ready and /api/cluster lists 3 Active silos. Memory: summed RSS and PSS of every process
/// the run started, read once it is ready; each process's own figures go to footprint-processes.tsv in the work folder. Was
/// experiments/footprint/startup-footprint.sh.
/// </summary>
public sealed class FootprintPart(int runs) : IBenchPart
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    public string Name => "footprint";

    public IReadOnlyList<string> Tools => ["kill", "redis-server"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        if (!run.Options.NoBuild)
        {
            run.Say("footprint: building the AppHost and the CLI");
            foreach (var project in new[] { "AppHost", Path.Combine("cli", "Pi.Orleans.Cli") })
            {
                await Tool.RunAsync("dotnet", ["build", "-c", run.Options.Configuration, "-v", "q", "-nologo", Path.Combine(run.Options.Root, project)], cancellationToken);
            }
        }

        Directory.CreateDirectory(run.Options.Work);
        var breakdown = Path.Combine(run.Options.Work, "footprint-processes.tsv");
        await File.WriteAllTextAsync(breakdown, "kind\trun\trss_mib\tpss_mib\tcommand\n", cancellationToken);
        // Alternated, as the script did, so that a change in the machine's load falls on both kinds.
        for (var i = 1; i <= runs; i++)
        {
            await AppHostAsync(run, i, breakdown, cancellationToken);
            await ClusterUpAsync(run, i, breakdown, cancellationToken);
        }
    }

    /// <summary>How many objects anywhere in /api/cluster's answer have "status": "Active" (the script's grep -o '"status":"Active"' | wc -l).</summary>
    public static int ActiveSilos(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CountActive(document.RootElement);
    }

    private static int CountActive(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p =>
            p.Name == "status" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "Active" ? 1 : CountActive(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(CountActive),
        _ => 0,
    };

    private async Task AppHostAsync(BenchRun run, int index, string breakdown, CancellationToken cancellationToken)
    {
        await run.MarkAsync(cancellationToken);
        run.Say($"footprint: AppHost, run {index}");
        var port = FreePort.Next();
        var clock = Stopwatch.StartNew();
        using var runner = LoggedProcess.Start("dotnet",
            ["run", "--project", "AppHost", "-c", run.Options.Configuration, "--no-build", "--", "Redis:Mode=executable", "Workers=2", $"ApiPort={port}"],
            run.Options.Root, Path.Combine(run.Options.Work, $"footprint-apphost-{index}.log"));
        try
        {
            var ready = await WaitReadyAsync(new Uri($"http://localhost:{port}/"), clock, runner, cancellationToken);
            var processes = ProcessTree.Snapshot();
            var tree = ProcessTree.Tree(processes, runner.Pid);
            var pids = tree.Concat(ProcessTree.Orchestrator(processes, tree) is int dcp ? ProcessTree.Tree(processes, dcp) : []).ToList();
            await RecordAsync(run, "apphost", index, ready, pids, processes, breakdown);
        }
        finally
        {
            await AppHostStop.RunAsync(runner);
        }
    }

    private async Task ClusterUpAsync(BenchRun run, int index, string breakdown, CancellationToken cancellationToken)
    {
        await run.MarkAsync(cancellationToken);
        run.Say($"footprint: pi cluster up, run {index}");
        var port = FreePort.Next();
        var directory = Path.Combine(run.Options.Work, $"footprint-cluster-{index}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var cli = Path.Combine("cli", "Pi.Orleans.Cli");
        var clock = Stopwatch.StartNew();
        using var runner = LoggedProcess.Start("dotnet",
            ["run", "--project", cli, "-c", run.Options.Configuration, "--no-build", "--", "cluster", "up", "--workers", "2", "--api-port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory],
            run.Options.Root, Path.Combine(run.Options.Work, $"footprint-cluster-up-{index}.log"));
        try
        {
            var ready = await WaitReadyAsync(new Uri($"http://127.0.0.1:{port}/"), clock, runner, cancellationToken);
            // The command writes the processes it started to cluster.json once the Api lists the workers, then exits.
            await runner.WaitForExitAsync(cancellationToken);
            var processes = ProcessTree.Snapshot();
            var pids = ClusterPids(directory).SelectMany(p => ProcessTree.Tree(processes, p)).ToList();
            await RecordAsync(run, "cluster-up", index, ready, pids, processes, breakdown);
        }
        finally
        {
            runner.Kill();
            if (File.Exists(Path.Combine(directory, "cluster.json")))
            {
                await Tool.RunAsync("dotnet", ["run", "--project", cli, "-c", run.Options.Configuration, "--no-build", "--", "cluster", "down", "--dir", directory], CancellationToken.None, run.Options.Root);
            }
        }
    }

    private static async Task<TimeSpan> WaitReadyAsync(Uri api, Stopwatch clock, LoggedProcess runner, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < ReadyTimeout)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (health.IsSuccessStatusCode && ActiveSilos(await http.GetStringAsync(new Uri("api/cluster", UriKind.Relative), cancellationToken)) == 3)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or a request timed out: ask again.
            }

            if (runner.HasExited && runner.ExitCode != 0)
            {
                throw new InvalidOperationException($"the command exited {runner.ExitCode} before the cluster was ready; see its log in the work folder");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"{api} was not ready with 3 Active silos after {ReadyTimeout.TotalSeconds} s");
    }

    private static async Task RecordAsync(BenchRun run, string kind, int index, TimeSpan ready, IReadOnlyList<int> pids, IReadOnlyList<ProcessEntry> processes, string breakdown)
    {
        long rss = 0, pss = 0;
        var lines = new List<string>();
        foreach (var pid in pids.Distinct())
        {
            try
            {
                var (r, p) = (ProcessStats.RssKb(pid), ProcessStats.PssKb(pid));
                (rss, pss) = (rss + r, pss + p);
                var command = string.Join(' ', processes.First(e => e.Pid == pid).Arguments);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{kind}\t{index}\t{r / 1024}\t{p / 1024}\t{command[..Math.Min(command.Length, 120)]}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Exited since the snapshot (or a kernel thread without memory lines): nothing to count.
            }
        }

        await File.AppendAllLinesAsync(breakdown, lines);
        var note = string.Create(CultureInfo.InvariantCulture, $"run {index}, {lines.Count} processes, load after {MachineInfo.LoadAverage().One:0.00}");
        run.Record($"footprint.{kind}.ready-s", ready.TotalSeconds, "F1", $"{note}; from the command's start to /health/ready and 3 Active silos");
        run.Record($"footprint.{kind}.rss-mib", (rss / 1024).ToString(CultureInfo.InvariantCulture), $"{note}; summed VmRSS");
        run.Record($"footprint.{kind}.pss-mib", (pss / 1024).ToString(CultureInfo.InvariantCulture), $"{note}; summed PSS (shared pages divided among their users)");
    }

    private static IEnumerable<int> ClusterPids(string directory)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "cluster.json")));
        return [.. state.RootElement.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("pid").GetInt32())];
    }
}
