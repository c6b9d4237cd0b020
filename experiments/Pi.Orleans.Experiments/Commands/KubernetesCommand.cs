using System.CommandLine;
using Pi.Orleans.Experiments.Kubernetes;
using Pi.Orleans.Harness;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>`experiments kubernetes`: load a real cluster through its NodePort and sample the HPA and pods (needs kubectl with a cluster).</summary>
internal sealed class KubernetesCommand : ExperimentCommand
{
    private readonly Option<string?> _url = new("--url") { Description = "The Api's URL, e.g. http://NODE:30080 (default: --api)." };
    private readonly Option<string> _namespace = new("--namespace", "-n") { Description = "Namespace (default pi-orleans).", DefaultValueFactory = _ => "pi-orleans" };
    private readonly Option<string> _hpa = new("--hpa") { Description = "Worker HPA name (default pi-orleans-silo).", DefaultValueFactory = _ => "pi-orleans-silo" };
    private readonly Option<string?> _context = new("--context") { Description = "kubectl context (default: the current one)." };
    private readonly Option<int> _count = new("--count") { Description = "Calculations to submit (default 20).", DefaultValueFactory = _ => 20 };
    private readonly Option<long> _points = PointsOption.Create("--points", "Points per calculation (default 2e11).", "2e11");
    private readonly Option<double> _interval = new("--interval") { Description = "Seconds between submissions (default 10).", DefaultValueFactory = _ => 10 };
    private readonly Option<double> _sample = new("--sample") { Description = "Seconds between samples (default 5).", DefaultValueFactory = _ => 5 };
    private readonly Option<double> _tail = new("--tail") { Description = "Seconds sampled after the work is done (default 240).", DefaultValueFactory = _ => 240 };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default results/kubernetes)." };
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root, for the default --out." };

    public KubernetesCommand(IAnsiConsole console, ApiOption api)
        : base("kubernetes", "Load a real cluster (HPA 1 → 2 → 3) and sample `kubectl get hpa,pods` and throughput; needs kubectl with a cluster.", console, api)
    {
        foreach (var o in new Option[] { _url, _namespace, _hpa, _context, _count, _points, _interval, _sample, _tail, _out, _repo })
        {
            Options.Add(o);
        }
    }

    protected override string ApiUrl(ParseResult parse) => parse.GetValue(_url) ?? base.ApiUrl(parse);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = new KubernetesExperimentOptions
        {
            ApiUrl = parse.GetValue(_url) ?? Api.UrlOf(parse),
            ApiKey = parse.GetValue(Api.Key),
            Namespace = parse.GetValue(_namespace)!,
            HpaName = parse.GetValue(_hpa)!,
            Context = parse.GetValue(_context),
            Count = parse.GetValue(_count),
            Points = parse.GetValue(_points),
            IntervalSeconds = parse.GetValue(_interval),
            SampleSeconds = parse.GetValue(_sample),
            TailSeconds = parse.GetValue(_tail),
        };
        var output = parse.GetValue(_out) ?? Path.Combine(RepositoryRoot.Find(parse.GetValue(_repo)), "results/kubernetes");
        var (rows, calculations, load) = await new KubernetesExperiment(Console, options).RunAsync(cancellationToken);
        await KubernetesReport.WriteAsync(options, rows, calculations, load, output, parse.CommandLine(), cancellationToken);
        Console.MarkupLine($"[green]Done.[/] Report: [bold]{Markup.Escape(Path.Combine(output, KubernetesReport.ReportFile))}[/]");
        return 0;
    }
}
