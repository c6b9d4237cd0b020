using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>ops/restore-redis.sh against real redis-servers: the backup's data comes back, and its membership table goes unless kept.</summary>
public sealed class RestoreScriptTests
{
    private const string Members = "pi-orleans/members/drill";
    private const string State = "pi-orleans/state/calculation/1/calculation";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARestoreBringsBackTheDataAndDropsTheBackupsSilosUnlessAskedToKeepThem(bool keepMembership)
    {
        var root = Directory.CreateTempSubdirectory("pi-restore-test-").FullName;
        var source = Directory.CreateDirectory(Path.Combine(root, "source")).FullName;
        var backups = Directory.CreateDirectory(Path.Combine(root, "backups")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var port = FreePort.Next();
        try
        {
            using (var redis = ToolProcess.Start("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", source, "--save", "", "--appendonly", "no"]))
            {
                await WaitForRedisAsync(port);
                await CliAsync(port, "HSET", Members, "S127.0.0.1:11111:1", "active");
                await CliAsync(port, "HSET", State, "data", "{}");
                await CliAsync(port, "SAVE");
                redis.Kill();
            }

            File.Copy(Path.Combine(source, "dump.rdb"), Path.Combine(backups, "pi-redis-20260101T000000Z.rdb"));
            var environment = new Dictionary<string, string>
            {
                ["REDIS_PORT"] = port.ToString(),
                ["REDIS_DATA_DIR"] = data,
                ["BACKUP_DIR"] = backups,
                ["STOP_CMD"] = "true",
                ["START_CMD"] = $"redis-server --port {port} --bind 127.0.0.1 --dir {data} --appendonly yes --save '' --daemonize yes",
                ["KEEP_MEMBERSHIP"] = keepMembership ? "1" : "0",
            };

            var (code, output) = await RunAsync("sh", [Path.Combine(RepositoryPaths.Root, "ops", "restore-redis.sh")], environment);

            Assert.True(code == 0, output);
            Assert.Equal("1", await CliAsync(port, "EXISTS", State));
            Assert.Equal(keepMembership ? "1" : "0", await CliAsync(port, "EXISTS", Members));
        }
        finally
        {
            await RunAsync("redis-cli", ["-p", port.ToString(), "SHUTDOWN", "NOSAVE"], null);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> CliAsync(int port, params string[] command)
    {
        var (code, output) = await RunAsync("redis-cli", ["-p", port.ToString(), .. command], null);
        Assert.True(code == 0, output);
        return output.Trim();
    }

    private static Task<(int Code, string Output)> RunAsync(string executable, IEnumerable<string> arguments, Dictionary<string, string>? environment) =>
        ToolProcess.RunAsync(executable, arguments, environment, Token);

    private static Task WaitForRedisAsync(int port) =>
        Eventually.HoldsAsync(
            async _ => (await RunAsync("redis-cli", ["-p", port.ToString(), "PING"], null)).Output.Trim() == "PONG",
            TimeSpan.FromSeconds(15), () => "redis-server answers PING", Token, TimeSpan.FromMilliseconds(50));
}
