using System.CommandLine;
using Pi.Orleans.Cli.Commands;
using Spectre.Console;

namespace Pi.Orleans.Cli;

/// <summary>The `pi` command tree: calculations, the cluster and the scale-out experiments.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        Build(console).Parse(args).InvokeAsync(new InvocationConfiguration(), cancellationToken);

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        var api = new ApiOption();
        var root = new RootCommand("pi: submit and watch Monte Carlo π calculations on Pi.Orleans, inspect the cluster, run scale-out experiments.")
        {
            Options = { api.Url, api.Key },
            Subcommands =
            {
                new SubmitCommand(console, api),
                new GetCommand(console, api),
                new ListCommand(console, api),
                new ClusterCommand(console, api) { Subcommands = { new ClusterUpCommand(console, api), new ClusterDownCommand(console, api) } },
                new ExperimentCommand(console, api),
            },
        };
        return root;
    }
}
