using System.CommandLine;
using Pi.Orleans.Experiments.Autoscale;
using Pi.Orleans.Experiments.Simulation;
using Pi.Orleans.Harness;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>`experiments autoscale`: a closed control loop over real worker processes, the simulator's HPA code on a live metric.</summary>
internal sealed class AutoscaleCommand : ExperimentCommand
{
    private readonly Option<string[]> _metrics = new("--metrics") { Description = "Metrics to run one after the other: cpu, backlog (default both).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<double> _period = new("--period") { Description = "Controller period, s (default 15, as Kubernetes).", DefaultValueFactory = _ => 15 };
    private readonly Option<double?> _window = new("--metric-window") { Description = "CPU averaging window, s (default: one period)." };
    private readonly Option<int> _min = new("--min") { Description = "minReplicas (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _max = new("--max") { Description = "maxReplicas (default 3).", DefaultValueFactory = _ => 3 };
    private readonly Option<double> _tolerance = new("--tolerance") { Description = "HPA tolerance (default 0.1).", DefaultValueFactory = _ => 0.1 };
    private readonly Option<int> _upWindow = new("--up-window") { Description = "Scale-up stabilization window, s (default 0, as Kubernetes).", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _downWindow = new("--down-window") { Description = "Scale-down stabilization window, s (default 60; Kubernetes: 300).", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _targetCpu = new("--target-cpu") { Description = "CPU averageUtilization target, % of a 1-CPU request (default 60).", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _backlogTarget = new("--backlog-target") { Description = "AverageValue target for desired_workers (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _load = new("--load") { Description = "Load script, JSON (default experiments/autoscale-load.json)." };
    private readonly Option<long?> _chunkPoints = new("--chunk-points") { Description = "Pi:ChunkPoints for the hosts (default: the service's, 2^29).", CustomParser = PointsOption.ParseOptional };
    private readonly Option<double> _settle = new("--settle-timeout") { Description = "Longest wait after the script for the return to minReplicas, s (default 300).", DefaultValueFactory = _ => 300 };
    private readonly Option<double> _grace = new("--grace") { Description = "Seconds a stopped worker has to exit before SIGKILL (default 30).", DefaultValueFactory = _ => 30 };
    private readonly Option<bool> _noPin = new("--no-pin") { Description = "Do not bind each worker to one CPU with taskset." };
    private readonly Option<int> _sampleMs = new("--sample-ms") { Description = "Sampling interval for samples.csv, ms (default 500).", DefaultValueFactory = _ => 500 };
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root (default: found above the current folder)." };
    private readonly Option<string> _configuration = new("--configuration", "-c") { Description = "Build configuration of the hosts (default Release).", DefaultValueFactory = _ => "Release" };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default results/autoscale)." };
    private readonly Option<bool> _keepLogs = new("--keep-logs") { Description = "Keep the processes' logs (a temporary folder) after a successful run." };

    public AutoscaleCommand(IAnsiConsole console, ApiOption api)
        : base("autoscale", "Close the loop on this machine: real worker processes, the HPA algorithm on live CPU or backlog, a scripted load; replicas 1 → 3 → 1.", console, api)
    {
        foreach (var o in new Option[] { _metrics, _period, _window, _min, _max, _tolerance, _upWindow, _downWindow, _targetCpu, _backlogTarget, _load, _chunkPoints,
            _settle, _grace, _noPin, _sampleMs, _repo, _configuration, _out, _keepLogs })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (min, max) = (parse.GetValue(_min), parse.GetValue(_max));
        if (min < 1 || max < min)
        {
            throw new ArgumentException("--min must be at least 1 and --max at least --min.");
        }

        var spec = HpaSpec.Defaults(min, max);
        var options = new AutoscaleOptions
        {
            Metrics = parse.GetValue(_metrics) is { Length: > 0 } m ? [.. m.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries))] : AutoscaleMetric.All,
            Period = TimeSpan.FromSeconds(parse.GetValue(_period)),
            MetricWindow = parse.GetValue(_window) is { } w ? TimeSpan.FromSeconds(w) : null,
            Hpa = spec with
            {
                Tolerance = parse.GetValue(_tolerance),
                ScaleUp = spec.ScaleUp with { StabilizationWindowSeconds = parse.GetValue(_upWindow) },
                ScaleDown = spec.ScaleDown with { StabilizationWindowSeconds = parse.GetValue(_downWindow) },
            },
            TargetCpuPercent = parse.GetValue(_targetCpu),
            BacklogTarget = parse.GetValue(_backlogTarget),
            LoadFile = parse.GetValue(_load),
            ChunkPoints = parse.GetValue(_chunkPoints),
            SettleTimeout = TimeSpan.FromSeconds(parse.GetValue(_settle)),
            GracePeriod = TimeSpan.FromSeconds(parse.GetValue(_grace)),
            Pin = !parse.GetValue(_noPin),
            SampleInterval = TimeSpan.FromMilliseconds(parse.GetValue(_sampleMs)),
            RepositoryRoot = parse.GetValue(_repo),
            Configuration = parse.GetValue(_configuration)!,
        };
        var root = HostBinaries.Find(options.RepositoryRoot, options.Configuration).Root;
        var output = parse.GetValue(_out) ?? Path.Combine(root, "results/autoscale");
        var result = await new AutoscaleExperiment(Console, options with { RepositoryRoot = root }).RunAsync(cancellationToken);
        var summaries = await AutoscaleReport.WriteAsync(result, output, parse.CommandLine(), cancellationToken);
        foreach (var s in summaries)
        {
            Console.MarkupLine(Markup.Escape($"{s.Metric}: peak {s.PeakReplicas} replicas, {max} decided {s.BurstToMax?.ToString("0.0") ?? "–"} s after the burst, "
                + $"back at {min} {s.IdleToMinimum?.ToString("0.0") ?? "–"} s after idle; {s.WorkerSeconds:0} worker-s ({s.IdleWorkerSeconds:0} idle); "
                + $"retries {s.ChunkRetries}, computed twice {s.Duplicates}, lost {s.ChunksLost}; exact {s.Exact} of {s.Calculations}."));
        }

        if (!parse.GetValue(_keepLogs))
        {
            Directory.Delete(result.LogDirectory, recursive: true);
        }

        Console.MarkupLine($"[green]Done.[/] Report: [bold]{Markup.Escape(Path.Combine(output, AutoscaleReport.ReportFile))}[/]");
        return summaries.All(s => s.Exact == s.Calculations && s.ChunksLost == 0) ? 0 : 1;
    }
}
