using Spectre.Console;

namespace Pi.Orleans.Experiments.Tests;

public sealed class ExperimentsAppTests
{
    [Fact]
    public async Task AnUnknownExperimentIsRefusedWithANonZeroExitCode()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });

        var code = await ExperimentsApp.RunAsync(["no-such-experiment"], console, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, code);
    }
}
