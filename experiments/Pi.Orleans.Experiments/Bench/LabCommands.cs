using System.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>The load generator's and the benchmarks' commands, registered with one call so the lab's root stays one line per owner.</summary>
internal static class LabCommands
{
    public static void AddTo(RootCommand root, IAnsiConsole console)
    {
        root.Subcommands.Add(new Load.LoadCommand(console));
        root.Subcommands.Add(new BenchCommand(console));
        root.Subcommands.Add(new Profiling.ProfileCommand(console));
    }
}
