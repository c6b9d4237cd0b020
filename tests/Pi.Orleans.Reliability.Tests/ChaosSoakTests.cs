using Pi.Orleans.Experiments.Faults;
using Pi.Orleans.Experiments.Chaos;
using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Reliability.Tests.Infrastructure;
using Pi.Orleans.Testing;
using Spectre.Console;

namespace Pi.Orleans.Reliability.Tests;

/// <summary>
/// The chaos soak's 60-second mode with a fixed seed: its own Redis, Api and three workers, each in a network namespace
/// when this machine allows it (else on loopback, which the report line says, with partitions and loss skipped).
/// Asserts the invariants, never timings.
/// </summary>
public sealed class ChaosSoakTests
{
    [Fact]
    public async Task ASixtySecondSoakOfOverlappingFaultsKeepsEveryAnswerExactAndLosesNoCalculation()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        var options = ChaosOptions.ForTests with { RepositoryRoot = RepositoryPaths.Root, Configuration = RepositoryPaths.Configuration };

        var result = await new ChaosExperiment(console, options, LoadMenu.Small(options.Seed)).RunAsync(TestContext.Current.CancellationToken);

        var calculations = result.Calculations;
        Measured.Report($"chaos {options.Duration.TotalSeconds:0} s, seed {options.Seed}, network: {result.Network}; slow fault: {result.Slowing}; {calculations.Count} accepted ({calculations.Count(c => c.Mode == "distributed")} distributed), {calculations.Count(c => c.Status == "completed")} completed, {calculations.Count(c => c.Status == "failed")} failed; chunk retries {calculations.Sum(c => c.ChunkRetries)}, chunks computed twice {calculations.Sum(c => c.ChunksComputedTwice)}; answers [{string.Join(", ", result.Answers.Select(a => $"{a.Request} {a.Answer}×{a.Count}"))}]");
        foreach (var f in result.Faults)
        {
            Measured.Report($"  {f.Start:0.0}-{f.End:0.0} s {f.Kind} {f.Target}: {f.Outcome}");
        }

        Assert.Empty(NetworkLab.Leftovers(options.Tag));
        Assert.Empty(CpuThrottle.Leftovers(options.Tag));
        Assert.Equal(result.Schedule.Count, result.Faults.Count);
        Assert.All(result.Faults, f => Assert.False(f.Outcome.StartsWith("ERROR", StringComparison.Ordinal), $"{f.Kind}: {f.Outcome}"));
        Assert.Contains(calculations, c => c.Mode == "distributed" && c.Status == "completed");
        Assert.Contains(calculations, c => c.Mode == "single" && c.Status == "completed");
        Assert.All(result.Invariants, i => Assert.True(i.Held, $"{i.Name}: {i.Detail}\nlogs: {result.LogDirectory}\n{output}"));
        Directory.Delete(result.LogDirectory, recursive: true);
    }
}
