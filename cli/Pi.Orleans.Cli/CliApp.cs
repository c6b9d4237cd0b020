using System.CommandLine;
using Pi.Orleans.Cli.Commands;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli;

/// <summary>The `pi` command tree: calculations and the cluster. The experiments live apart, in experiments/Pi.Orleans.Experiments.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command, writing output and errors to <paramref name="console"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        RunAsync(args, console, console, cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], IAnsiConsole, CancellationToken)"/>, with failures under `--json` written to <paramref name="errors"/>.</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, IAnsiConsole errors, CancellationToken cancellationToken = default) =>
        CommandLineApp.RunAsync(Build(console, errors), args, cancellationToken);

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(IAnsiConsole console, IAnsiConsole errors)
    {
        var global = new GlobalOptions(errors);
        var root = new RootCommand("pi: submit, follow, cancel and estimate Monte Carlo π calculations on Pi.Orleans; inspect the cluster or start one here.")
        {
            Options = { global.Api.Url, global.Api.Key, global.Json },
            Subcommands =
            {
                new SubmitCommand(console, global),
                new GetCommand(console, global),
                new ListCommand(console, global),
                new WatchCommand(console, global),
                new CancelCommand(console, global),
                new EstimateCommand(console, global),
                new ClusterCommand(console, global) { Subcommands = { new ClusterUpCommand(console, global), new ClusterDownCommand(console, global) } },
            },
        };
        return root;
    }
}
