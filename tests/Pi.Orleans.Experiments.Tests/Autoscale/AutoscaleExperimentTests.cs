using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Experiments.Tests.Infrastructure;

namespace Pi.Orleans.Experiments.Tests.Autoscale;

/// <summary>
/// The short closed loop: `experiments autoscale` on the backlog metric with a 2 s period and at most 2 workers, against a small burst.
/// Behaviour, not timing: the loop scales up, scales back down, and every result equals the sampler's count. The CPU metric is left
/// out here because on a shared machine a worker's share of its CPU, and so whether it passes the target, is not the test's to decide.
/// </summary>
public sealed class AutoscaleExperimentTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("pi-exp-autoscale-").FullName;

    [Fact]
    public async Task TheLoopScalesUpForTheBurstBackDownWhenIdleAndEveryResultIsExact()
    {
        var (code, output) = await LabRun.RunAsync(
            "autoscale", "--metrics", "backlog", "--period", "2", "--max", "2", "--down-window", "4", "--chunk-points", "134217728",
            "--load", Path.Combine(RepositoryPaths.Root, "tests/Pi.Orleans.Experiments.Tests/Autoscale/short-load.json"), "--settle-timeout", "240",
            "--out", _out, "--repo", RepositoryPaths.Root, "--configuration", RepositoryPaths.Configuration);
        Assert.True(code == 0, output);

        var decisions = CsvFile.Read(Path.Combine(_out, "decisions.csv"));
        var current = decisions.Rows.Select(r => (int)decisions.Number(r, "current")).ToList();
        var desired = decisions.Rows.Select(r => (int)decisions.Number(r, "desired")).ToList();
        var up = Enumerable.Range(0, current.Count).FirstOrDefault(i => current[i] == 1 && desired[i] == 2, -1);
        Assert.True(up >= 0, "no scale-up from 1 to 2:\n" + output);
        Assert.Contains(Enumerable.Range(up + 1, current.Count - up - 1), i => current[i] == 2 && desired[i] == 1);
        Assert.Equal(1, desired[^1]);

        var workers = CsvFile.Read(Path.Combine(_out, "workers.csv"));
        Assert.Contains(workers.Rows, r => workers.Text(r, "worker") == "worker-2" && workers.Text(r, "exited_s").Length > 0);

        var calculations = CsvFile.Read(Path.Combine(_out, "calculations.csv"));
        Assert.Equal(5, calculations.Rows.Count); // the warm-up, the burst of 2 and 2 small ones
        Assert.All(calculations.Rows, r => Assert.Equal("completed", calculations.Text(r, "status")));
        Assert.All(calculations.Rows, r => Assert.Equal(calculations.Text(r, "chunks_total"), calculations.Text(r, "chunks_done")));
        Assert.All(calculations.Rows, r => Assert.Equal(calculations.Text(r, "expected_inside"), calculations.Text(r, "result_inside")));
        Assert.All(calculations.Rows, r => Assert.Equal("1", calculations.Text(r, "exact")));

        Assert.Contains("## Results against the sampler", await File.ReadAllTextAsync(Path.Combine(_out, "report.md"), TestContext.Current.CancellationToken));
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(_out, "autoscale.svg"), TestContext.Current.CancellationToken));
        Assert.True(CsvFile.Read(Path.Combine(_out, "samples.csv")).Rows.Count > 5);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
