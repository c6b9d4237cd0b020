using Pi.Orleans.Cli.Cluster;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Client;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

/// <summary>`pi cluster up` starts real redis-server, Api and Silo processes that outlive the command; `pi cluster down` stops them all.</summary>
public sealed class ClusterUpDownTests : IAsyncDisposable
{
    private const string ApiKey = "cli-cluster-test-key";
    private readonly string _dir = Directory.CreateTempSubdirectory("pi-cli-cluster-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClusterUpServesTheApiWithEveryWorkerAndClusterDownLeavesNothingRunning()
    {
        var (code, output) = await UpAsync("--workers", "2", "--silo-arg=--Pi:Slots=3");
        Assert.True(code == 0, output);
        var state = ClusterState.Read(_dir)!;
        Assert.Contains(state.Url, output);
        Assert.Equal(["redis", "worker", "worker", "api"], state.Processes.Select(p => p.Role));
        Assert.All(state.Processes, p => Assert.True(OsProcess.IsRunning(p.Pid, p.Marker), $"{p.Name} ({p.Pid}) is not running"));

        using var api = PiApiClient.Create(state.Url, apiKey: ApiKey);
        var workers = (await api.ClusterAsync(Token)).Silos.Where(s => s.RunsChunks).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["worker-1", "worker-2"], workers.Select(w => w.Name));
        Assert.All(workers, w => Assert.Equal(3, w.SlotsTotal));
        var accepted = await api.SubmitAsync(1L << 26, "distributed", 7, Token);
        var done = await api.WaitFinishedAsync(accepted.Id, TimeSpan.FromSeconds(120), Token);
        Assert.True(done.Status == "completed", $"{done}");
        Assert.InRange(done.ResultPi!.Value, 3.1, 3.2);
        Assert.All(state.Processes, p => Assert.True(new FileInfo(p.Log).Length > 0, $"{p.Log} is empty"));

        (code, output) = await CliRun.RunAsync("cluster", "down", "--dir", _dir);
        Assert.True(code == 0, output);
        Assert.Contains("Stopped 4 process(es).", output);
        Assert.All(state.Processes, p => Assert.False(OsProcess.IsRunning(p.Pid), $"{p.Name} ({p.Pid}) still runs"));
        Assert.Null(ClusterState.Read(_dir));
    }

    [Fact]
    public async Task ClusterUpEmbeddedRunsTheApiAloneWithoutRedisOrKey()
    {
        var (code, output) = await CliRun.RunAsync(
            "cluster", "up", "--embedded", "--dir", _dir, "--repo", RepositoryPaths.Root, "--configuration", RepositoryPaths.Configuration);
        Assert.True(code == 0, output);
        var state = ClusterState.Read(_dir)!;
        var api = Assert.Single(state.Processes);
        Assert.Equal("api", api.Role);
        Assert.Null(state.ApiKey);

        using var client = PiApiClient.Create(state.Url);
        var done = await client.SubmitAsync(1L << 24, "single", 7, Token);
        Assert.True(done.Status == "completed", $"{done}");

        (code, output) = await CliRun.RunAsync("cluster", "down", "--dir", _dir);
        Assert.True(code == 0, output);
        Assert.False(OsProcess.IsRunning(api.Pid), $"the Api ({api.Pid}) still runs");
    }

    [Fact]
    public async Task ClusterDownWithoutAClusterSaysSoAndSucceeds()
    {
        var (code, output) = await CliRun.RunAsync("cluster", "down", "--dir", _dir);

        Assert.True(code == 0, output);
        Assert.Contains("No cluster is up", output);
    }

    [Fact]
    public async Task ClusterUpRefusesASiloDirectoryWithoutASiloBuild()
    {
        var (code, output) = await UpAsync("--silo-dir", _dir);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("--silo-dir must hold a Silo build", output);
        Assert.Null(ClusterState.Read(_dir));
    }

    public async ValueTask DisposeAsync()
    {
        // A failed assertion leaves the cluster up: stop it, so no process outlives the test.
        await ClusterDown.RunAsync(_dir, CancellationToken.None);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private Task<(int ExitCode, string Output)> UpAsync(params string[] args) => CliRun.RunAsync(
        ["cluster", "up", "--dir", _dir, "--api-key", ApiKey, "--repo", RepositoryPaths.Root, "--configuration", RepositoryPaths.Configuration, .. args]);
}
