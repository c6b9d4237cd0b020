using System.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi experiment local|simulate|kubernetes|autoscale`: the scale-out experiments.</summary>
internal sealed class ExperimentCommand : Command
{
    public ExperimentCommand(IAnsiConsole console, ApiOption api)
        : base("experiment", "Scale-out experiments; each writes CSV, an SVG chart and a markdown report under --out.")
    {
        Subcommands.Add(new LocalExperimentCommand(console, api));
        Subcommands.Add(new SimulateExperimentCommand(console, api));
        Subcommands.Add(new KubernetesExperimentCommand(console, api));
        Subcommands.Add(new AutoscaleExperimentCommand(console, api));
        Subcommands.Add(new ChaosExperimentCommand(console, api));
    }
}
