using System.CommandLine;
using Pi.Orleans.Experiments.Simulation;
using Pi.Orleans.Harness;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>`experiments simulate`: replays a measured trace through the HPA algorithm, CPU scaling vs backlog (KEDA) scaling.</summary>
internal sealed class SimulateCommand : ExperimentCommand
{
    private readonly Option<string?> _trace = new("--trace") { Description = "timeseries.csv of a local or Kubernetes run (default results/local/timeseries.csv)." };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default results/simulate)." };
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root (default: found above the current folder)." };
    private readonly Option<string> _preset = new("--preset") { Description = "Behavior preset: kubernetes (the defaults) or chart (manifests/chart values).", DefaultValueFactory = _ => "kubernetes" };
    private readonly Option<int> _min = new("--min") { Description = "minReplicas (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _max = new("--max") { Description = "maxReplicas (default 3).", DefaultValueFactory = _ => 3 };
    private readonly Option<double> _tolerance = new("--tolerance") { Description = "HPA tolerance (default 0.1).", DefaultValueFactory = _ => 0.1 };
    private readonly Option<int?> _upWindow = new("--up-window") { Description = "Scale-up stabilization window, s (preset: 0)." };
    private readonly Option<int?> _downWindow = new("--down-window") { Description = "Scale-down stabilization window, s (preset: 300, chart 120)." };
    private readonly Option<string[]> _upPolicy = new("--up-policy") { Description = "Scale-up policies, e.g. percent:100:15 pods:4:15 (replaces the preset's).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _downPolicy = new("--down-policy") { Description = "Scale-down policies, e.g. pods:1:60.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<SelectPolicy?> _upSelect = new("--up-select") { Description = "Max, Min or Disabled for scale-up." };
    private readonly Option<SelectPolicy?> _downSelect = new("--down-select") { Description = "Max, Min or Disabled for scale-down." };
    private readonly Option<int> _targetCpu = new("--target-cpu") { Description = "CPU averageUtilization target, % (default 60).", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _cpuRequest = new("--cpu-request") { Description = "Worker CPU request, cores (default 0.5).", DefaultValueFactory = _ => 0.5 };
    private readonly Option<int> _podCores = new("--pod-cores") { Description = "Cores each worker computes on (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _backlogTarget = new("--backlog-target") { Description = "KEDA AverageValue target for desired_workers (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<long> _chunkPoints = PointsOption.Create("--chunk-points", "Points per chunk (default 2^29 = 536870912).", "536870912");
    private readonly Option<double?> _podReady = new("--pod-ready") { Description = "Seconds from pod creation to Ready (default: measured, else 10)." };
    private readonly Option<double?> _firstWork = new("--first-work") { Description = "Seconds from Ready to computing (default: measured, else 2)." };
    private readonly Option<double> _timeScale = new("--time-scale") { Description = "Stretch the trace: times and points × k (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _sync = new("--sync") { Description = "HPA sync period, s (default 15).", DefaultValueFactory = _ => 15 };
    private readonly Option<int> _resolution = new("--metric-resolution") { Description = "metrics-server resolution and window, s (default 15).", DefaultValueFactory = _ => 15 };
    private readonly Option<double> _tail = new("--tail") { Description = "Seconds simulated after the trace (default 600).", DefaultValueFactory = _ => 600 };

    public SimulateCommand(IAnsiConsole console, ApiOption api)
        : base("simulate", "Replay a measured trace through the Kubernetes HPA algorithm: CPU scaling vs backlog (KEDA) scaling.", console, api)
    {
        _preset.AcceptOnlyFromAmong("kubernetes", "chart");
        foreach (var o in new Option[] { _trace, _out, _repo, _preset, _min, _max, _tolerance, _upWindow, _downWindow, _upPolicy, _downPolicy, _upSelect,
            _downSelect, _targetCpu, _cpuRequest, _podCores, _backlogTarget, _chunkPoints, _podReady, _firstWork, _timeScale, _sync, _resolution, _tail })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var preset = parse.GetValue(_preset)!;
        var (min, max) = (parse.GetValue(_min), parse.GetValue(_max));
        if (min < 1 || max < min)
        {
            throw new ArgumentException("--min must be at least 1 and --max at least --min.");
        }

        var spec = preset == "chart" ? HpaSpec.Chart(min, max) : HpaSpec.Defaults(min, max);
        spec = spec with
        {
            Tolerance = parse.GetValue(_tolerance),
            ScaleUp = Rules(spec.ScaleUp, parse.GetValue(_upWindow), parse.GetValue(_upPolicy), parse.GetValue(_upSelect)),
            ScaleDown = Rules(spec.ScaleDown, parse.GetValue(_downWindow), parse.GetValue(_downPolicy), parse.GetValue(_downSelect)),
        };
        var options = new SimulationOptions
        {
            Hpa = spec,
            Preset = preset,
            TargetCpuPercent = parse.GetValue(_targetCpu),
            CpuRequestCores = parse.GetValue(_cpuRequest),
            PodCores = parse.GetValue(_podCores),
            BacklogTarget = parse.GetValue(_backlogTarget),
            ChunkPoints = parse.GetValue(_chunkPoints),
            PodReadySeconds = parse.GetValue(_podReady),
            FirstWorkSeconds = parse.GetValue(_firstWork),
            TimeScale = parse.GetValue(_timeScale),
            TailSeconds = parse.GetValue(_tail),
            SyncPeriodSeconds = parse.GetValue(_sync),
            MetricResolutionSeconds = parse.GetValue(_resolution),
        };
        if (options.SyncPeriodSeconds < 1 || options.MetricResolutionSeconds < 1 || options.TimeScale <= 0)
        {
            throw new ArgumentException("--sync and --metric-resolution must be at least 1 s and --time-scale above 0.");
        }

        var trace = parse.GetValue(_trace);
        var output = parse.GetValue(_out);
        if (trace is null || output is null)
        {
            var root = RepositoryRoot.Find(parse.GetValue(_repo));
            trace ??= Path.Combine(root, "results/local", TimelineCsv.FileName);
            output ??= Path.Combine(root, "results/simulate");
        }

        var result = SimulateExperiment.Run(trace, options);
        await SimulationReport.WriteAsync(result, output, parse.CommandLine(), cancellationToken);
        foreach (var s in new[] { result.Cpu, result.Backlog })
        {
            Console.MarkupLine($"{s.Strategy}: peak {s.PeakReplicas} replicas, 2 at {s.FirstAtTwo?.ToString("0") ?? "–"} s, 3 at {s.FirstAtThree?.ToString("0") ?? "–"} s, {s.PodSeconds:0} pod-seconds.");
        }

        Console.MarkupLine($"[green]Done.[/] Report: [bold]{Markup.Escape(Path.Combine(output, SimulationReport.ReportFile))}[/]");
        return 0;
    }

    private static ScalingRules Rules(ScalingRules preset, int? window, string[]? policies, SelectPolicy? select) => preset with
    {
        StabilizationWindowSeconds = window ?? preset.StabilizationWindowSeconds,
        Policies = policies is { Length: > 0 } ? [.. policies.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(ScalingPolicy.Parse)] : preset.Policies,
        Select = select ?? preset.Select,
    };
}
