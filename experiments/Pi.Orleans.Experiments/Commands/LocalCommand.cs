using System.CommandLine;
using Pi.Orleans.Experiments.Local;
using Pi.Orleans.Harness;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>`experiments local`: redis-server, the Api and 1..N workers on this machine; a throughput ladder and a join/leave run.</summary>
internal sealed class LocalCommand : ExperimentCommand
{
    private readonly Option<int> _workers = new("--workers") { Description = "Most workers; the ladder runs 1..N (default 2).", DefaultValueFactory = _ => 2 };
    private readonly Option<long> _points = PointsOption.Create("--points", "Points per ladder calculation (default 2e10).", "2e10");
    private readonly Option<int> _repeats = new("--repeats") { Description = "Ladder calculations per worker count (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _noJoinLeave = new("--no-join-leave") { Description = "Skip the run in which a worker joins and leaves mid-calculation." };
    private readonly Option<long?> _joinPoints = new("--join-points") { Description = "Points of the join/leave calculation (default: sized from the 1-worker throughput).", CustomParser = PointsOption.ParseOptional };
    private readonly Option<double> _joinAfter = new("--join-after") { Description = "Seconds before the joining worker starts (default 5).", DefaultValueFactory = _ => 5 };
    private readonly Option<double> _leaveAfter = new("--leave-after") { Description = "Seconds the joined worker computes after its first chunk before it is stopped (default 10).", DefaultValueFactory = _ => 10 };
    private readonly Option<long?> _chunkPoints = new("--chunk-points") { Description = "Pi:ChunkPoints for the hosts (default: the service's, 2^29)." };
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed of every calculation (default 42).", DefaultValueFactory = _ => 42UL };
    private readonly Option<int> _sampleMs = new("--sample-ms") { Description = "Sampling interval in ms (default 200).", DefaultValueFactory = _ => 200 };
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root (default: found above the current folder)." };
    private readonly Option<string> _configuration = new("--configuration", "-c") { Description = "Build configuration of the hosts (default Release).", DefaultValueFactory = _ => "Release" };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default results/local, or artifacts/experiments/local-quick with --quick)." };
    private readonly Option<bool> _keepLogs = new("--keep-logs") { Description = "Keep the processes' logs (a temporary folder) after a successful run." };
    private readonly Option<bool> _quick = new("--quick") { Description = "CI smoke run: 2 workers, 4e9-point ladder, small chunks, short join/leave (about a minute)." };

    public LocalCommand(IAnsiConsole console, ApiOption api)
        : base("local", "Start redis-server, the Api and N worker silos here; measure throughput at 1..N workers and a worker joining and leaving.", console, api)
    {
        foreach (var o in new Option[] { _workers, _points, _repeats, _noJoinLeave, _joinPoints, _joinAfter, _leaveAfter, _chunkPoints, _seed, _sampleMs, _repo, _configuration, _out, _keepLogs, _quick })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var preset = parse.GetValue(_quick) ? LocalExperimentOptions.QuickDefaults : new LocalExperimentOptions();
        var options = preset with
        {
            Workers = parse.Given(_workers, preset.Workers),
            Points = parse.Given(_points, preset.Points),
            Repeats = parse.Given(_repeats, preset.Repeats),
            JoinLeave = !parse.GetValue(_noJoinLeave),
            JoinPoints = parse.Given(_joinPoints, preset.JoinPoints),
            JoinAfterSeconds = parse.Given(_joinAfter, preset.JoinAfterSeconds),
            LeaveAfterSeconds = parse.Given(_leaveAfter, preset.LeaveAfterSeconds),
            ChunkPoints = parse.Given(_chunkPoints, preset.ChunkPoints),
            Seed = parse.Given(_seed, preset.Seed),
            SampleInterval = TimeSpan.FromMilliseconds(parse.Given(_sampleMs, (int)preset.SampleInterval.TotalMilliseconds)),
            RepositoryRoot = parse.GetValue(_repo),
            Configuration = parse.GetValue(_configuration)!,
        };
        var root = HostBinaries.Find(options.RepositoryRoot, options.Configuration).Root;
        var output = parse.GetValue(_out) ?? Path.Combine(root, options.Quick ? "artifacts/experiments/local-quick" : "results/local");
        var result = await new LocalExperiment(Console, options with { RepositoryRoot = root, OutputDirectory = output }).RunAsync(cancellationToken);
        await LocalReport.WriteAsync(result, output, parse.CommandLine(), cancellationToken);
        if (!parse.GetValue(_keepLogs))
        {
            Directory.Delete(result.LogDirectory, recursive: true);
        }

        Console.MarkupLine($"[green]Done.[/] Report: [bold]{Markup.Escape(Path.Combine(output, LocalReport.ReportFile))}[/]");
        return 0;
    }
}
