using System.CommandLine;
using Pi.Orleans.Cli.Cluster;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi cluster up`: redis-server, the Api and N worker silos here, detached; prints the Api's URL.</summary>
internal sealed class ClusterUpCommand : ApiCommand
{
    private readonly Option<int> _workers = new("--workers") { Description = "Worker silos (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _apiPort = new("--api-port") { Description = "The Api's HTTP port on 127.0.0.1 (default: a free port)." };
    private readonly Option<int?> _redisPort = new("--redis-port") { Description = "redis-server's port on 127.0.0.1 (default: a free port)." };
    private readonly Option<bool> _embedded = new("--embedded") { Description = "Only the Api in its embedded default: no Redis, no workers, no key (as dotnet run --project Api); unset ConnectionStrings__Redis and Auth__ApiKeys__0 first." };
    private readonly Option<bool> _appendOnly = new("--redis-append-only") { Description = "Redis keeps an append-only file in <dir>/redis-data, so that a restart keeps the data." };
    private readonly Option<string[]> _apiArgs = new("--api-arg") { Description = "An extra argument of the Api, e.g. --api-arg=--Pi:Slots=2 (repeatable)." };
    private readonly Option<string[]> _siloArgs = new("--silo-arg") { Description = "An extra argument of every worker, e.g. --silo-arg=--Pi:Slots=1 (repeatable)." };
    private readonly Option<string?> _siloDir = new("--silo-dir") { Description = "A folder with another Silo build, e.g. a ReadyToRun publish (default: Silo/bin/<configuration>/net10.0)." };
    private readonly Option<string?> _clusterId = new("--cluster-id") { Description = "The Orleans cluster id (default: a new one)." };
    private readonly Option<string> _dir = ClusterDownCommand.StateDirectoryOption();
    private readonly Option<string?> _repo = new("--repo") { Description = "Repository root (default: found above the current folder)." };
    private readonly Option<string> _configuration = new("--configuration", "-c") { Description = "Build configuration of the hosts (default Release).", DefaultValueFactory = _ => "Release" };

    public ClusterUpCommand(IAnsiConsole console, GlobalOptions global)
        : base("up", "Start redis-server, the Api and N worker silos on loopback that outlive this command; wait until the Api lists every worker; print its URL.", console, global)
    {
        foreach (var o in new Option[] { _workers, _embedded, _apiPort, _redisPort, _appendOnly, _apiArgs, _siloArgs, _siloDir, _clusterId, _dir, _repo, _configuration })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ClusterUpRequest(parse.GetValue(_dir)!, parse.GetValue(_workers))
        {
            ApiPort = parse.GetValue(_apiPort),
            RedisPort = parse.GetValue(_redisPort),
            Embedded = parse.GetValue(_embedded),
            RedisAppendOnly = parse.GetValue(_appendOnly),
            ApiArguments = parse.GetValue(_apiArgs) ?? [],
            SiloArguments = parse.GetValue(_siloArgs) ?? [],
            SiloDirectory = parse.GetValue(_siloDir),
            ClusterId = parse.GetValue(_clusterId),
            ApiKey = parse.GetValue(Api.Key),
            RepositoryRoot = parse.GetValue(_repo),
            Configuration = parse.GetValue(_configuration)!,
        };
        if (request.Embedded && parse.GetResult(_workers) is { Implicit: false })
        {
            throw new ArgumentException("--embedded runs the Api alone; leave out --workers.");
        }

        if (request.Workers < 1)
        {
            throw new ArgumentException("--workers must be at least 1.");
        }

        var state = await ClusterUp.RunAsync(request, cancellationToken);
        var what = request.Embedded ? "the embedded Api" : $"{request.Workers} worker(s)";
        Console.MarkupLine($"[green]Cluster up:[/] {what}; state and logs in {Markup.Escape(request.StateDirectory)}; stop it with `pi cluster down`.");
        Console.WriteLine(state.Url);
        return 0;
    }
}
