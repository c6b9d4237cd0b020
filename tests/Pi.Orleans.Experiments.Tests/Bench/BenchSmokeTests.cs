using Pi.Orleans.Experiments.Bench;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class BenchSmokeTests
{
    [Fact]
    public async Task TheSizesSmokeRunMeasuresTheRealApiAgainstTheBareSamplerAndWritesItsReport()
    {
        var work = Directory.CreateTempSubdirectory("pi-bench-smoke.").FullName;
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

        // Smoke mode: the embedded Api and the bare sampler on tiny sizes; the report stays in the work folder.
        var code = await ExperimentsApp.RunAsync(
            ["bench", "sizes", "--smoke", "--no-build", "--quiet-timeout", "0", "--work", work, "--root", RepositoryPaths.Root, "--configuration", RepositoryPaths.Configuration],
            console, TestContext.Current.CancellationToken);

        Assert.True(code == 0, output.ToString());
        var rows = File.ReadAllLines(Assert.Single(Directory.GetFiles(work, "sizes-*.tsv"))).Select(ResultRow.Parse).ToList();
        Assert.Equal("2", rows.Single(r => r.Name == "sizes.slots").Value);
        Assert.Equal(["1e8", "1e9"], rows.Where(r => r.Name.EndsWith(".ratio", StringComparison.Ordinal)).Select(r => r.Name.Split('.')[1]));
        // The service's count equals the bare sampler's: the same chunk plan and seed.
        Assert.All(rows.Where(r => r.Name.EndsWith(".service-s", StringComparison.Ordinal)), r => Assert.EndsWith("same count as the bare sampler: 1", r.Note, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(work, "sizes-*.md"));
    }
}
