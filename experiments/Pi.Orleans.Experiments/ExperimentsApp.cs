using System.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments;

/// <summary>The lab: every experiment and benchmark driver, apart from the `pi` tool users install.</summary>
public static class ExperimentsApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        Build(console).Parse(args).InvokeAsync(new InvocationConfiguration(), cancellationToken);

    /// <summary>The root command with every experiment.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        _ = console;
        var root = new RootCommand("Pi.Orleans experiments: chaos, autoscale, local, simulate, kubernetes and bench. Each writes its report under results/.");
        Bench.LabCommands.AddTo(root, console);
        return root;
    }
}
