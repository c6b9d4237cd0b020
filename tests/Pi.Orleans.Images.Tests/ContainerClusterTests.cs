using System.Globalization;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Verification;
using Pi.Orleans.Images.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Images.Tests;

/// <summary>
/// The two images built from their Dockerfiles and run as the chart's pods would run them (flags derived from the rendered chart),
/// with Redis: probes, cluster membership, exact results through a graceful and a hard worker loss, and clean logs.
/// </summary>
public sealed class ContainerClusterTests(ContainerCluster cluster) : IClassFixture<ContainerCluster>
{
    private const ulong Seed = 20_261_207;
    private static readonly TimeSpan CalculationLength = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private const long MaxPoints = 20_000_000_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryProbeOfTheChartAnswersAndTheApiListsTheThreeSilos()
    {
        foreach (var container in cluster.Live)
        {
            foreach (var probe in container.Probes)
            {
                var (ok, seen) = await probe.RunAsync(container.Name, container.Ip, Token);
                Assert.True(ok, $"{container.Name} {probe.Description}: {seen}");
            }
        }

        var silos = (await cluster.WaitForSilosAsync(ContainerCluster.Workers + 1, Token)).Silos;
        var expected = cluster.Live.Where(c => c.Container.Name != "redis").ToList();
        Assert.Equal(expected.Select(c => c.Name).Order(), silos.Select(s => s.Name).Order());
        foreach (var container in expected)
        {
            // Each silo advertises the address that POD_IP gave it, as in a pod.
            Assert.StartsWith(container.Ip + ":", silos.Single(s => s.Name == container.Name).Address, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryContainerRunsWithThePodsUserLimitsAndReadOnlyRoot()
    {
        foreach (var container in cluster.Live)
        {
            var pod = container.Template.Spec;
            var security = container.Container.SecurityContext;
            var facts = (await DockerCli.RunAsync(
                ["inspect", "-f", "{{.Config.User}}|{{.HostConfig.ReadonlyRootfs}}|{{.HostConfig.CapDrop}}|{{.HostConfig.SecurityOpt}}|{{.HostConfig.Memory}}|{{.HostConfig.NanoCpus}}", container.Name],
                Token)).Trim().Split('|');
            Assert.Equal($"{pod.SecurityContext.RunAsUser}:{pod.SecurityContext.RunAsGroup}", facts[0]);
            Assert.Equal(security.ReadOnlyRootFilesystem == true, facts[1] == "true");
            Assert.Equal("[ALL]", facts[2]);
            Assert.Contains("no-new-privileges", facts[3], StringComparison.Ordinal);
            Assert.Equal(container.Container.Resources.Limits["memory"].ToInt64(), long.Parse(facts[4], CultureInfo.InvariantCulture));
            var cpu = container.Container.Resources.Limits.TryGetValue("cpu", out var c) ? (long)(c.ToDecimal() * 1_000_000_000) : 0;
            Assert.Equal(cpu, long.Parse(facts[5], CultureInfo.InvariantCulture));

            // Enforced, not only configured: the process can write neither its root filesystem nor as root.
            var (code, output) = await DockerCli.TryAsync("docker", ["exec", container.Name, "sh", "-c", "id -u; touch /probe-write"], Token);
            Assert.True(code != 0 && output.StartsWith($"{pod.SecurityContext.RunAsUser}\n", StringComparison.Ordinal), $"{container.Name}: {output}");

            // Outside a cluster the Kubernetes hosting must stay off, as the code guards it.
            var environment = await DockerCli.RunAsync(["exec", container.Name, "env"], Token);
            Assert.DoesNotContain("KUBERNETES_SERVICE_HOST=", environment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ADistributedResultEqualsTheBareSamplersCount()
    {
        var (accepted, expected) = await SubmitAsync();
        var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Bound, Token);
        AssertExact(done, accepted, await expected);
        Assert.True(done.SilosUsed.Count >= 2, $"the chunks ran on {string.Join(", ", done.SilosUsed)} only");
    }

    [Fact]
    public async Task AWorkerDeletedWithItsGracePeriodMidRunLeavesTheResultExactAndItsReplacementJoins()
    {
        var (accepted, expected) = await SubmitAsync();
        var victim = await BusyWorkerAsync(accepted.Id);
        cluster.MarkFault();
        var stopped = await cluster.DeleteAsync(victim, Token);
        var (exitCode, oom) = await victim.ExitAsync(Token);
        Report($"{victim.Name}: preStop + SIGTERM, exited {exitCode} after {stopped.TotalSeconds:F1} s");
        Assert.False(oom);
        Assert.True(exitCode == 0, $"{victim.Name} exited {exitCode} instead of shutting down within its grace period\n{await victim.LogsAsync(Token)}");

        AssertExact(await cluster.Client.WaitFinishedAsync(accepted.Id, Bound, Token), accepted, await expected);
        var replacement = cluster.NewWorker();
        await cluster.StartAsync(replacement, Token);
        var silos = (await cluster.WaitForSilosAsync(ContainerCluster.Workers + 1, Token)).Silos;
        Assert.Contains(silos, s => s.Name == replacement.Name);
        Assert.DoesNotContain(silos, s => s.Name == victim.Name);
    }

    [Fact]
    public async Task AWorkerKilledMidRunLeavesTheResultExactAndRejoinsWhenRestarted()
    {
        var (accepted, expected) = await SubmitAsync();
        var victim = await BusyWorkerAsync(accepted.Id);
        cluster.MarkFault();
        await victim.KillAsync(Token);
        Report($"{victim.Name}: SIGKILL mid-run");

        AssertExact(await cluster.Client.WaitFinishedAsync(accepted.Id, Bound, Token), accepted, await expected);
        await victim.RestartAsync(Token);
        await victim.WaitReadyAsync(Token);
        var silos = (await cluster.WaitForSilosAsync(ContainerCluster.Workers + 1, Token)).Silos;
        Assert.Contains(silos, s => s.Name == victim.Name);
    }

    [Fact]
    public async Task IdleContainersStayWellWithinTheirMemoryLimits()
    {
        Report($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var image in cluster.Containers.Select(c => c.Container.Image).Distinct())
        {
            var bytes = long.Parse(await DockerCli.RunAsync(["image", "inspect", "-f", "{{.Size}}", image], Token), CultureInfo.InvariantCulture);
            Report($"image {image}: {bytes / 1e6:F0} MB");
        }

        await cluster.WaitForSilosAsync(ContainerCluster.Workers + 1, Token);
        foreach (var container in cluster.Live)
        {
            var (used, limit) = await container.MemoryAsync(Token);
            Report($"{container.Name}: {used / 1048576.0:F0} MiB of {limit / 1048576.0:F0} MiB (docker stats, idle)");
            // Half the limit leaves the headroom a calculation's allocations and a GC need before the OOM killer would act.
            Assert.True(used < limit / 2, $"{container.Name} uses {used} of its {limit} bytes while idle");
        }
    }

    [Fact]
    public async Task TheLogsHaveNoFailureAndNoWarningOutsideTheAllowList()
    {
        var overloaded = LogCheck.Overloaded();
        Report($"load average {File.ReadAllText("/proc/loadavg").Trim()}: starvation warnings {(overloaded ? "allowed (overloaded machine)" : "not allowed")}");

        // Up to the first worker another test stopped or killed, if any (tests run in any order): after it, the others' warnings
        // about the lost connection and the failed probes are what they should say.
        var until = cluster.FirstFault;
        if (until is { } u)
        {
            Report($"logs read up to the first fault, {u:HH:mm:ss.fff}");
        }
        foreach (var container in cluster.Containers)
        {
            var log = await container.LogsAsync(Token, until);
            var unexpected = LogCheck.Unexpected(log, overloaded);
            if (container.Container.Name == "api")
            {
                // The allow-list's 1-CPU note belongs to the workers only: the Api, without a CPU limit, runs the server GC.
                unexpected = [.. unexpected, .. log.Split('\n').Where(l => l.Contains("Silo not running with ServerGC", StringComparison.Ordinal))];
            }

            Assert.True(unexpected.Count == 0, $"{container.Name}:\n{string.Join('\n', unexpected)}");
        }
    }

    // Sizes the calculation from the workers' measured rate, submits it, and starts the bare sampler's count beside it.
    private async Task<(Calculation Accepted, Task<long> Expected)> SubmitAsync()
    {
        var estimate = await Eventually.ReachesAsync<Estimate>(
            async token => await cluster.Client.EstimateAsync(1, null, null, token), e => e.SlotsAvailable >= ContainerCluster.Workers,
            Bound, e => $"the slots of every worker: {e}", Token);
        var rate = estimate.PointsPerSecondPerSlot > 0 ? estimate.PointsPerSecondPerSlot : 1e9;
        // Capped: on a busy machine the measured rate swings, and the bare sampler's count runs beside the cluster.
        var points = Math.Min(MaxPoints, (long)(rate * estimate.SlotsAvailable * CalculationLength.TotalSeconds));
        var accepted = await cluster.Client.SubmitAsync(points, "distributed", Seed, Token);
        Report($"submitted {points:N0} points ({accepted.ChunksTotal} chunks) at {rate / 1e6:F0} Mpoints/s per slot, {estimate.SlotsAvailable} slots");
        var expected = Task.Run(() => ExpectedCounts.Compute([(Seed, points)], Token)[(Seed, points)], Token);
        return (accepted, expected);
    }

    // A worker running a chunk of this calculation, once a quarter of it is done and while it still runs.
    private async Task<PodContainer> BusyWorkerAsync(Guid id)
    {
        var running = await cluster.Client.WaitUntilAsync(id, c => c.Progress >= 0.25 || c.IsFinished, Bound, Token);
        Assert.False(running.IsFinished, $"the calculation ended before the fault: {running}");
        var silos = await Eventually.ReachesAsync<ClusterInfo>(
            async token => await cluster.Client.ClusterAsync(token), c => c.Silos.Any(s => s.RunsChunks && s.SlotsUsed > 0), Bound,
            c => "no worker with a busy slot", Token, TimeSpan.FromMilliseconds(50));
        var busy = silos.Silos.First(s => s.RunsChunks && s.SlotsUsed > 0);
        return cluster.Live.Single(c => c.Name == busy.Name);
    }

    private static void AssertExact(Calculation done, Calculation accepted, long expected)
    {
        Assert.True(done.Status == "completed", done.ToString());
        Assert.Equal(expected, done.ResultInside);
        Assert.Equal(accepted.TotalPoints, done.ResultTotal);
        Report($"completed: {done.ResultInside:N0} inside of {done.ResultTotal:N0}, equal to the bare sampler's count; {done.ChunkRetries} chunk retries, silos {string.Join(", ", done.SilosUsed)}");
    }

    private static void Report(FormattableString line) => Measurements.Report(line);
}
