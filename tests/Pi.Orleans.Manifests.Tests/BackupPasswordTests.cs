using System.Diagnostics;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// The backup CronJob's script (from the render) never shows the Redis password on a command line: while it runs against a real,
/// password-protected redis-server, `ps -eo args` is sampled over and over, and no sample holds the password. Redis is made to
/// sleep (DEBUG SLEEP) as the script starts, so that the script's redis-cli is certainly caught waiting in `ps`.
/// </summary>
public sealed class BackupPasswordTests(ChartFixture chart)
{
    private const string Password = "ps-test-password-3b9f0c";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheBackupScriptsPasswordNeverAppearsInPsWhileItRuns()
    {
        var container = Assert.Single(chart[ValuesFiles.Default].Backup!.Spec.JobTemplate.Spec.Template.Spec.Containers);
        var root = Directory.CreateTempSubdirectory("pi-backup-ps-").FullName;
        var backupDir = Directory.CreateDirectory(Path.Combine(root, "backup")).FullName;
        var tmpDir = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var script = Assert.Single(container.Args).Replace("/tmp/", tmpDir + "/", StringComparison.Ordinal).Replace("/backup", backupDir, StringComparison.Ordinal);
        var port = FreePort.Next().ToString();
        // The password goes to redis-server in a config file, as in the chart: on its command line it would be in ps itself.
        var config = Path.Combine(root, "redis.conf");
        await File.WriteAllTextAsync(config, $"port {port}\nbind 127.0.0.1\ndir {root}\nsave \"\"\nenable-debug-command yes\nrequirepass {Password}\n", Token);
        var auth = new Dictionary<string, string> { ["REDISCLI_AUTH"] = Password };
        using var redis = ToolProcess.Start("redis-server", [config]);
        try
        {
            await WaitForPongAsync(port, auth);
            using var sleep = ToolProcess.Start("redis-cli", ["-p", port, "DEBUG", "SLEEP", "3"], auth);
            var environment = new Dictionary<string, string>(auth) { ["REDIS_HOST"] = "127.0.0.1", ["REDIS_PORT"] = port, ["KEEP"] = "2" };
            using var backup = ToolProcess.Start("sh", ["-c", script], environment);

            var samples = new List<string>();
            var exited = backup.WaitForExitAsync(Token);
            await Eventually.SampleUntilAsync(exited, async _ => samples.Add(await PsAsync()), Token, TimeSpan.Zero);
            await exited;
            Assert.Equal(0, backup.ExitCode);
            Assert.Contains(samples, s => s.Contains("redis-cli -h 127.0.0.1 -p " + port + " --rdb", StringComparison.Ordinal));
            Assert.DoesNotContain(samples, s => s.Contains(Password, StringComparison.Ordinal));
            Assert.Single(Directory.GetFiles(backupDir, "dump-*.rdb"));
            TestContext.Current.SendDiagnosticMessage($"{samples.Count} ps samples while the backup ran");
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync(Token);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> PsAsync()
    {
        var info = new ProcessStartInfo("ps", ["-eo", "args"]) { RedirectStandardOutput = true };
        using var ps = Process.Start(info)!;
        var text = await ps.StandardOutput.ReadToEndAsync(Token);
        await ps.WaitForExitAsync(Token);
        return text;
    }

    private static Task WaitForPongAsync(string port, Dictionary<string, string> auth) =>
        Eventually.HoldsAsync(
            async _ =>
            {
                using var ping = ToolProcess.Start("redis-cli", ["-p", port, "PING"], auth);
                await ping.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
                return ping.ExitCode == 0;
            },
            TimeSpan.FromSeconds(15), () => $"redis-server on port {port} answers PING", Token, TimeSpan.FromMilliseconds(50));
}
