using Pi.Orleans.Experiments.Output;
using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// One bench run's state: its rows, the quiet mark before each measurement, the builds, and starting clusters and the bare
/// sampler. Every measurement is one <see cref="ResultRow"/> with the load of the last <see cref="MarkAsync"/>.
/// </summary>
public sealed class BenchRun(BenchOptions options, TextWriter log)
{
    private readonly List<ResultRow> _rows = [];
    private (double Load, int? Busy)? _mark;
    private int _clusters;

    public BenchOptions Options => options;

    public TextWriter Log => log;

    public IReadOnlyList<ResultRow> Rows => _rows;

    /// <summary>Why the run failed its own check (errors, growth), if it did: the command then exits 1.</summary>
    public string? Failure { get; private set; }

    public void Fail(string reason) => Failure = Failure is null ? reason : $"{Failure}; {reason}";

    public string ApiDll => Dll("Api", "Pi.Orleans.Api");

    public string SiloDll => Dll("Silo", "Pi.Orleans.Silo");

    public string BareDll => Dll(Path.Combine("experiments", "Pi.Orleans.BareSampler"), "Pi.Orleans.BareSampler");

    /// <summary>
    /// Call just before a measurement, while nothing of ours computes: waits up to the quiet timeout for a second in which at
    /// most the quiet share of the cores was busy, and keeps that share and the load average for the next rows. The busy share
    /// is other people's work (plus an idle cluster's timers); the load average also counts this run's own processes.
    /// </summary>
    public async Task MarkAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(options.QuietTimeout);
        var busy = await SystemLoad.BusyShareAsync(cancellationToken);
        while (busy > options.QuietBusy && DateTime.UtcNow < deadline)
        {
            busy = await SystemLoad.BusyShareAsync(cancellationToken);
        }

        _mark = (MachineInfo.LoadAverage().One, busy);
    }

    /// <summary>Records a measurement with the last mark's load (or the load now and no busy share).</summary>
    public void Record(string name, string value, string note = "")
    {
        var (load, busy) = _mark ?? (MachineInfo.LoadAverage().One, null);
        var row = new ResultRow(name, value, load, busy, note);
        _rows.Add(row);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-36} {value,-14} load {load:0.00} busy {busy}%  {note}"));
    }

    public void Record(string name, double value, string format, string note = "") => Record(name, value.ToString(format, CultureInfo.InvariantCulture), note);

    /// <summary>The median of the values recorded as <paramref name="name"/> so far (NaN without any).</summary>
    public double Median(string name)
    {
        var values = _rows.Where(r => r.Name == name && double.TryParse(r.Value, CultureInfo.InvariantCulture, out _))
            .Select(r => double.Parse(r.Value, CultureInfo.InvariantCulture)).Order().ToArray();
        return values.Length == 0 ? double.NaN : values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>A / B with three decimals, "nan" when B is 0 or missing.</summary>
    public static string Ratio(double a, double b) => b == 0 || double.IsNaN(b) || double.IsNaN(a) ? "nan" : (a / b).ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The console line of progress, with the load now.</summary>
    public void Say(string message) => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{message} (load {MachineInfo.LoadAverage().One:0.00})"));

    /// <summary>The embedded default: the Api alone, no Redis, no key; extra Api arguments and settings.</summary>
    public Task<BenchCluster> StartEmbeddedAsync(IReadOnlyList<string>? apiArguments = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalClusterOptions
        {
            ApiDll = ApiDll, SiloDll = SiloDll, Embedded = true, Workers = 0, ApiArguments = apiArguments ?? [], Environment = environment ?? new Dictionary<string, string>(),
            LogDirectory = NextLogs(),
        }, null, cancellationToken);

    /// <summary>redis-server, <paramref name="workers"/> worker Silos and the Api, with the run's key.</summary>
    public Task<BenchCluster> StartClusterAsync(
        int workers, IReadOnlyList<string>? apiArguments = null, IReadOnlyList<string>? siloArguments = null, IReadOnlyDictionary<string, string>? environment = null,
        string? siloDll = null, bool redisAppendOnly = false, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalClusterOptions
        {
            ApiDll = ApiDll, SiloDll = siloDll ?? SiloDll, Workers = workers, ApiArguments = apiArguments ?? [], SiloArguments = siloArguments ?? [],
            Environment = environment ?? new Dictionary<string, string>(), LogDirectory = NextLogs(), ApiKey = options.ApiKey, RedisAppendOnly = redisAppendOnly, ClusterId = $"bench-{Environment.ProcessId}-{_clusters}",
        }, options.ApiKey, cancellationToken);

    /// <summary>The bare sampler (the service's chunk plan on plain threads): its "k=v" line.</summary>
    public async Task<string> BareAsync(long points, int threads, ulong seed, CancellationToken cancellationToken, string? kernel = null)
    {
        string[] arguments = [BareDll, points.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture), .. kernel is null ? Array.Empty<string>() : [kernel]];
        return (await Tool.RunAsync("dotnet", arguments, cancellationToken)).Trim();
    }

    private async Task<BenchCluster> StartAsync(LocalClusterOptions clusterOptions, string? apiKey, CancellationToken cancellationToken)
    {
        var cluster = await LocalCluster.StartAsync(clusterOptions, cancellationToken);
        return new BenchCluster(cluster, new CalcClient(cluster.ApiAddress, apiKey));
    }

    private string NextLogs() => Path.Combine(options.Work, $"cluster-{++_clusters}");

    private string Dll(string folder, string assembly)
    {
        var path = Path.Combine(options.Root, folder, "bin", options.Configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build it (dotnet build -c {options.Configuration} {folder}) or drop --no-build.", path);
    }
}
