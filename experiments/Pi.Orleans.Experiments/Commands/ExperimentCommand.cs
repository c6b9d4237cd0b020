using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>An experiment's command: the shared failure handling, plus <see cref="ExperimentException"/> as an expected failure.</summary>
internal abstract class ExperimentCommand(string name, string description, IAnsiConsole console, ApiOption api)
    : CommandBase(name, description, console, api)
{
    protected override bool IsExpectedFailure(Exception exception) => exception is ExperimentException;
}
