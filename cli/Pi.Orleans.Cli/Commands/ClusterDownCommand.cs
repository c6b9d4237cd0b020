using System.CommandLine;
using Pi.Orleans.Cli.Cluster;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi cluster down`: stops what `pi cluster up` started, silos first and Redis last.</summary>
internal sealed class ClusterDownCommand : ApiCommand
{
    private readonly Option<string> _dir = StateDirectoryOption();

    public ClusterDownCommand(IAnsiConsole console, GlobalOptions global)
        : base("down", "Stop the cluster `pi cluster up` started: the silos first (SIGTERM, then SIGKILL after 30 s), redis-server last.", console, global)
    {
        Options.Add(_dir);
    }

    /// <summary>`--dir`: where `pi cluster up` keeps cluster.json and the logs.</summary>
    public static Option<string> StateDirectoryOption() => new("--dir")
    {
        Description = $"State directory: {ClusterState.FileName} and the processes' logs (default {ClusterState.DefaultDirectory}).",
        DefaultValueFactory = _ => ClusterState.DefaultDirectory,
    };

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var directory = parse.GetValue(_dir)!;
        var stopped = await ClusterDown.RunAsync(directory, cancellationToken);
        Console.WriteLine(stopped is { } count ? $"Stopped {count} process(es)." : $"No cluster is up ({Path.Combine(directory, ClusterState.FileName)} does not exist).");
        return 0;
    }
}
