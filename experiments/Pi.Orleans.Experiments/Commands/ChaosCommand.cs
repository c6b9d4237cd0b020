using System.CommandLine;
using Pi.Orleans.Experiments.Chaos;
using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Harness;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>`experiments chaos`: a soak of overlapping process, network and CPU faults under continuous load; every answer checked.</summary>
internal sealed class ChaosCommand : ExperimentCommand
{
    private readonly Option<double?> _minutes = new("--minutes") { Description = "Minutes of load and faults (default 10; 2 with --short)." };
    private readonly Option<bool> _short = new("--short") { Description = "The 2-minute mode." };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed of the fault schedule and the load (default 20260314)." };
    private readonly Option<NetworkMode> _network = new("--network") { Description = "auto (namespaces when possible, else loopback), namespaces, or loopback.", DefaultValueFactory = _ => NetworkMode.Auto };
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root (default: found above the current folder)." };
    private readonly Option<string> _configuration = new("--configuration", "-c") { Description = "Build configuration of the hosts (default Release).", DefaultValueFactory = _ => "Release" };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default results/chaos; artifacts/experiments/chaos-short with --short)." };
    private readonly Option<string?> _tag = new("--tag") { Description = "Prefix of the namespaces and links this run makes (default pc + process id; at most 7 characters)." };
    private readonly Option<bool> _keepLogs = new("--keep-logs") { Description = "Keep the processes' logs after a run whose invariants held." };

    public ChaosCommand(IAnsiConsole console, ApiOption api)
        : base("chaos", "Redis, the Api and 3 workers each in its own network namespace; continuous load; seeded kills, stops, restarts, partitions, loss, freezes and slow-downs; every calculation checked.", console, api)
    {
        foreach (var o in new Option[] { _minutes, _short, _seed, _network, _repo, _configuration, _out, _tag, _keepLogs })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var preset = parse.GetValue(_short) ? ChaosOptions.Short : new ChaosOptions();
        var options = preset with
        {
            Duration = parse.GetValue(_minutes) is { } m ? TimeSpan.FromMinutes(m) : preset.Duration,
            Seed = parse.GetValue(_seed) ?? preset.Seed,
            Network = parse.GetValue(_network),
            RepositoryRoot = parse.GetValue(_repo),
            Configuration = parse.GetValue(_configuration)!,
            Tag = parse.GetValue(_tag) is { Length: > 0 and <= 7 } tag ? tag : preset.Tag,
        };
        var root = RepositoryRoot.Find(options.RepositoryRoot);
        var output = parse.GetValue(_out) ?? Path.Combine(root, parse.GetValue(_short) ? "artifacts/experiments/chaos-short" : "results/chaos");
        var result = await new ChaosExperiment(Console, options with { RepositoryRoot = root }, LoadMenu.Standard(options.Seed)).RunAsync(cancellationToken);
        await ChaosReport.WriteAsync(result, output, parse.CommandLine(), cancellationToken);
        foreach (var i in result.Invariants)
        {
            Console.MarkupLine($"{(i.Held ? "[green]held[/]" : "[red]BROKEN[/]")} {Markup.Escape(i.Name)}: {Markup.Escape(i.Detail)}");
        }

        if (result.Passed && !parse.GetValue(_keepLogs))
        {
            Directory.Delete(result.LogDirectory, recursive: true);
        }
        else
        {
            Console.MarkupLine($"Logs kept in {Markup.Escape(result.LogDirectory)}");
        }

        Console.MarkupLine($"Report: [bold]{Markup.Escape(Path.Combine(output, ChaosReport.ReportFile))}[/]");
        return result.Passed ? 0 : 1;
    }
}
