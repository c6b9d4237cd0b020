using System.CommandLine;
using Pi.Orleans.Experiments.Commands;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments;

/// <summary>The lab: every experiment and benchmark driver, apart from the `pi` tool users install.</summary>
public static class ExperimentsApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command, writing to <paramref name="console"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        CommandLineApp.RunAsync(Build(console), args, cancellationToken);

    /// <summary>The root command with every experiment.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        // The same --api/--api-key as `pi`: kubernetes loads that API, the others name it in their messages.
        var api = new ApiOption();
        var root = new RootCommand("Pi.Orleans experiments: chaos, autoscale, local, simulate, scale, kubernetes, bench and load. Each writes its report under results/.")
        {
            Options = { api.Url, api.Key },
            Subcommands =
            {
                new LocalCommand(console, api),
                new SimulateCommand(console, api),
                new KubernetesCommand(console, api),
                new AutoscaleCommand(console, api),
                new ChaosCommand(console, api),
                new ScaleCommand(console, api),
            },
        };
        Bench.LabCommands.AddTo(root, console);
        return root;
    }
}
