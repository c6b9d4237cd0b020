using System.Net.Http.Json;
using System.Text.Json;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>
/// The chart limits a worker's CPU to its request and leaves Pi__Slots at 0 (= Environment.ProcessorCount). This proves that .NET's
/// processor count follows the container's CPU limit: the real Api binary runs inside a cgroup whose CPU quota is what Kubernetes
/// writes for a limit of 1 CPU (cfs_quota_us 100000 per cfs_period_us 100000), with no DOTNET_PROCESSOR_COUNT, and reports one slot.
/// </summary>
public sealed class CpuLimitTests
{
    private static readonly string CpuControllerV1 = "/sys/fs/cgroup/cpu";
    private static readonly string CgroupV2 = "/sys/fs/cgroup/cgroup.controllers";

    [Fact]
    public async Task UnderACgroupQuotaOfOneCpuTheSiloTakesOneSlotOnAMachineWithMore()
    {
        Assert.SkipUnless(Environment.ProcessorCount > 1, "needs a machine with more than one CPU to tell the limit from the machine");
        var (group, quotaFile, quota) = CreateGroup();
        Assert.SkipWhen(group is null, "no writable cgroup CPU controller here (needs root)");
        try
        {
            await File.WriteAllTextAsync(quotaFile!, quota, TestContext.Current.CancellationToken);
            string[] prefix = ["sh", "-c", $"echo $$ > {group}/cgroup.procs && exec \"$@\"", "sh"];
            var environment = new Dictionary<string, string>
            {
                ["Cluster__SiloPort"] = FreePort.Next().ToString(),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
                ["Dashboard__Enabled"] = "false",
                ["Pi__Slots"] = "0",
            };
            await using var api = HostProcess.Start("api-1cpu", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), environment, prefix);
            await api.WaitReadyAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

            var cluster = await api.Http.GetFromJsonAsync<JsonElement>("/api/cluster", TestContext.Current.CancellationToken);

            var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
            Assert.Equal(1, silo.GetProperty("slots_total").GetInt32());
            TestContext.Current.SendDiagnosticMessage($"{Environment.ProcessorCount} CPUs on the machine, 1 slot under the 1-CPU quota");
        }
        finally
        {
            DeleteGroup(group!);
        }
    }

    // rmdir: a cgroup's control files do not count as content, and the host has exited, so the group is empty.
    private static void DeleteGroup(string group)
    {
        if (Directory.Exists(group))
        {
            Directory.Delete(group);
        }
    }

    // A new cgroup and the file and value that give it one CPU: cgroup v1 cpu.cfs_quota_us, or cgroup v2 cpu.max.
    private static (string? Group, string? QuotaFile, string Quota) CreateGroup()
    {
        try
        {
            if (File.Exists(CgroupV2))
            {
                var group = Directory.CreateDirectory($"/sys/fs/cgroup/pi-cpu-test-{Guid.NewGuid():N}").FullName;
                return (group, Path.Combine(group, "cpu.max"), "100000 100000");
            }

            if (Directory.Exists(CpuControllerV1))
            {
                var group = Directory.CreateDirectory($"{CpuControllerV1}/pi-cpu-test-{Guid.NewGuid():N}").FullName;
                return (group, Path.Combine(group, "cpu.cfs_quota_us"), "100000");
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
        }

        return (null, null, "");
    }
}
