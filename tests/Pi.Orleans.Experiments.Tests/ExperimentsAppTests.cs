using Pi.Orleans.Experiments.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Experiments.Tests;

public sealed class ExperimentsAppTests
{
    [Fact]
    public async Task AnUnknownExperimentIsRefusedWithANonZeroExitCode()
    {
        var (code, _) = await LabRun.RunAsync("no-such-experiment");

        Assert.Equal(ExitCodes.InvalidArguments, code);
    }

    [Fact]
    public async Task ABadValueIsInvalidArgumentsAndWritesNothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "pi-exp-" + Guid.NewGuid().ToString("N"));

        var (code, text) = await LabRun.RunAsync("simulate", "--min", "3", "--max", "2", "--out", output);

        Assert.Equal(ExitCodes.InvalidArguments, code);
        Assert.Contains("--min must be at least 1", text);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("simulate")]
    [InlineData("kubernetes")]
    [InlineData("autoscale")]
    [InlineData("chaos")]
    public void EveryExperimentIsATopLevelCommandWhoseOutHelpNamesItsResultsFolder(string experiment)
    {
        var command = Assert.Single(ExperimentsApp.Build(new CapturedConsole().Console).Subcommands, c => c.Name == experiment);

        var output = Assert.Single(command.Options, o => o.Name == "--out");
        Assert.Contains($"results/{experiment}", output.Description);
    }
}
