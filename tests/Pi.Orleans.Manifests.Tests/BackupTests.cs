using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>Disaster recovery: the CronJob that snapshots Redis into its own PVC every 15 minutes and keeps the newest files.</summary>
public sealed class BackupTests(ChartFixture chart)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void ACronJobSnapshotsRedisEveryFifteenMinutesWithoutOverlapAndWithBoundedHistory(string valuesFile)
    {
        var cronJob = chart[valuesFile].Backup;

        Assert.NotNull(cronJob);
        var spec = cronJob.Spec;
        Assert.Equal("pi-orleans-redis-backup", cronJob.Name());
        Assert.Equal("*/15 * * * *", spec.Schedule);
        Assert.Equal("Forbid", spec.ConcurrencyPolicy);
        Assert.InRange(spec.SuccessfulJobsHistoryLimit ?? -1, 1, 10);
        Assert.InRange(spec.FailedJobsHistoryLimit ?? -1, 1, 10);
        Assert.InRange(spec.StartingDeadlineSeconds ?? -1, 1, 15 * 60);
        Assert.NotEqual(true, spec.Suspend);
        // One run, retries included, ends before the next one is due.
        Assert.InRange(spec.JobTemplate.Spec.ActiveDeadlineSeconds ?? -1, 1, 15 * 60);
        Assert.Equal("Never", spec.JobTemplate.Spec.Template.Spec.RestartPolicy);
    }

    [Theory]
    [InlineData(ValuesFiles.Default, "local-path", "5Gi")]
    [InlineData(ValuesFiles.K3s, "local-path", "5Gi")]
    [InlineData(ValuesFiles.K3sMultinode, "local-path", "5Gi")]
    [InlineData(ValuesFiles.Production, null, "20Gi")]
    public void SnapshotsGoToTheirOwnPvcThatOutlivesHelmUninstall(string valuesFile, string? storageClass, string size)
    {
        var rendered = chart[valuesFile];
        var pod = rendered.Backup!.Spec.JobTemplate.Spec.Template.Spec;
        var pvc = Assert.Single(rendered.OfType<V1PersistentVolumeClaim>());

        var mount = Assert.Single(Container(rendered).VolumeMounts, m => m.MountPath == "/backup");
        Assert.Equal(pvc.Name(), Assert.Single(pod.Volumes, v => v.Name == mount.Name).PersistentVolumeClaim?.ClaimName);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
        Assert.Equal((storageClass, size, "ReadWriteOnce"), (pvc.Spec.StorageClassName, pvc.Spec.Resources.Requests["storage"].ToString(), Assert.Single(pvc.Spec.AccessModes)));
        Assert.Equal("keep", pvc.Metadata.Annotations.ValueOrNull("helm.sh/resource-policy"));
        // Not Redis's own volume: losing that must not lose the backups.
        Assert.DoesNotContain(rendered.Redis.Spec.VolumeClaimTemplates, t => t.Name() == pvc.Name());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheBackupUsesRedisImageServiceAndPasswordSecretAndKeepsADaysSnapshots(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var redis = Assert.Single(rendered.Redis.Spec.Template.Spec.Containers);
        var redisPassword = Env(redis, "REDISCLI_AUTH").ValueFrom.SecretKeyRef;
        var service = rendered.RedisService;
        var backup = Container(rendered);

        Assert.Equal((redis.Image, redis.ImagePullPolicy), (backup.Image, backup.ImagePullPolicy));
        var password = Env(backup, "REDISCLI_AUTH");
        Assert.Null(password.Value);
        Assert.Equal((redisPassword.Name, redisPassword.Key), (password.ValueFrom?.SecretKeyRef?.Name, password.ValueFrom?.SecretKeyRef?.Key));
        Assert.Equal(service.Name(), Env(backup, "REDIS_HOST").Value);
        Assert.Equal(service.Spec.Ports[0].Port.ToString(), Env(backup, "REDIS_PORT").Value);
        Assert.Equal("96", Env(backup, "KEEP").Value);
        var script = Script(backup);
        Assert.Contains("redis-cli -h \"$REDIS_HOST\" -p \"$REDIS_PORT\" --rdb ", script);
        Assert.DoesNotContain(" -a ", script, StringComparison.Ordinal);
        Assert.Contains("dump-$(date -u +%Y%m%dT%H%M%SZ).rdb", script);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheBackupPodRunsAsNonRootOnAReadOnlyRootWithATmpVolumeNoTokenAndResources(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var pod = rendered.Backup!.Spec.JobTemplate.Spec.Template.Spec;
        var container = Container(rendered);
        var security = container.SecurityContext;

        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(pod.SecurityContext?.RunAsNonRoot == true && security.RunAsNonRoot == true);
        Assert.True(pod.SecurityContext.RunAsUser > 0);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile?.Type);
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Null(security.Capabilities.Add);
        var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
        Assert.True(container.Resources.Limits.ContainsKey("memory"));
    }

    [Fact]
    public void OnTwoNodesTheBackupPrefersANodeOtherThanTheDatabaseNode()
    {
        var affinity = chart[ValuesFiles.K3sMultinode].Backup!.Spec.JobTemplate.Spec.Template.Spec.Affinity.NodeAffinity;

        var term = Assert.Single(Assert.Single(affinity.PreferredDuringSchedulingIgnoredDuringExecution).Preference.MatchExpressions);
        Assert.Equal(("role", "NotIn", "database"), (term.Key, term.OperatorProperty, Assert.Single(term.Values)));
        Assert.Null(affinity.RequiredDuringSchedulingIgnoredDuringExecution);
    }

    [Fact]
    public async Task BackupDisabledRendersNoCronJobNoPvcAndNoRedisPeerForIt()
    {
        var rendered = RenderedChart.Load(await Helm.TemplateAsync(null, ["--set", "backup.enabled=false"], Token));

        Assert.Empty(rendered.OfType<V1CronJob>());
        Assert.Empty(rendered.OfType<V1PersistentVolumeClaim>());
        var peer = Assert.Single(Assert.Single(rendered.Component<V1NetworkPolicy>("redis").Spec.Ingress).FromProperty);
        Assert.Equal("pi-orleans", peer.PodSelector.MatchLabels.ValueOrNull("orleans/serviceId"));
    }

    [Fact]
    public async Task AScheduleAndRetentionFromValuesReachTheCronJob()
    {
        var rendered = RenderedChart.Load(await Helm.TemplateAsync(null,
            ["--set", "backup.schedule=*/5 * * * *", "--set", "backup.keep=12", "--set", "backup.timeZone=Etc/UTC"], Token));

        Assert.Equal(("*/5 * * * *", "Etc/UTC"), (rendered.Backup!.Spec.Schedule, rendered.Backup.Spec.TimeZone));
        Assert.Equal("12", Env(Container(rendered), "KEEP").Value);
    }

    [Fact]
    public async Task KeepingNoSnapshotFailsTheRender()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Helm.TemplateAsync(null, ["--set", "backup.keep=0"], Token));

        Assert.Contains("backup.keep must be at least 1", error.Message);
    }

    /// <summary>
    /// Runs the CronJob's own script (from the render) against a password-protected redis-server: it must write a valid RDB under the
    /// dump-timestamp name, keep the newest KEEP snapshots, delete older ones and a leftover partial file, and fail without writing a
    /// snapshot when the password is wrong. Only the two paths change: /backup and /tmp become temporary folders.
    /// </summary>
    [Fact]
    public async Task TheBackupScriptWritesAValidSnapshotAndKeepsOnlyTheNewestOnes()
    {
        var script = Script(Container(chart[ValuesFiles.Default]));
        var root = Directory.CreateTempSubdirectory("pi-backup-test-").FullName;
        var backupDir = Directory.CreateDirectory(Path.Combine(root, "backup")).FullName;
        var tmpDir = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        // /tmp first: the temporary folders are themselves under /tmp.
        script = script.Replace("/tmp/", tmpDir + "/", StringComparison.Ordinal).Replace("/backup", backupDir, StringComparison.Ordinal);
        const string Password = "backup-test-password";
        var port = FreePort.Next();
        using var redis = ToolProcess.Start("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", root, "--save", "", "--appendonly", "no", "--requirepass", Password]);
        try
        {
            await WaitForRedisAsync(port, Password);
            await RunAsync("redis-cli", ["-p", port.ToString(), "-a", Password, "--no-auth-warning", "SET", "calculation:1", "3.14159"], null);
            string[] old = ["dump-20200101T000000Z.rdb", "dump-20200101T001500Z.rdb", "dump-20200101T003000Z.rdb"];
            foreach (var name in old)
            {
                await File.WriteAllTextAsync(Path.Combine(backupDir, name), "old", Token);
            }

            await File.WriteAllTextAsync(Path.Combine(backupDir, "dump-20200101T004500Z.rdb.partial"), "interrupted", Token);
            var environment = new Dictionary<string, string> { ["REDIS_HOST"] = "127.0.0.1", ["REDIS_PORT"] = port.ToString(), ["KEEP"] = "2" };

            var (code, output) = await RunAsync("sh", ["-c", script], new(environment) { ["REDISCLI_AUTH"] = Password });

            Assert.True(code == 0, output);
            var files = Directory.GetFiles(backupDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, files.Count);
            Assert.Equal(old[2], files[0]);
            Assert.Matches("^dump-[0-9]{8}T[0-9]{6}Z\\.rdb$", files[1]);
            var snapshot = await File.ReadAllBytesAsync(Path.Combine(backupDir, files[1]!), Token);
            Assert.Equal("REDIS"u8.ToArray(), snapshot[..5]);
            Assert.True(snapshot.AsSpan().IndexOf("calculation:1"u8) >= 0, "the snapshot lacks the key written before it");
            Assert.Contains($"deleted {backupDir}/{old[0]}", output);

            (code, output) = await RunAsync("sh", ["-c", script], new(environment) { ["REDISCLI_AUTH"] = "wrong" });

            Assert.NotEqual(0, code);
            Assert.Equal(files, Directory.GetFiles(backupDir).Select(Path.GetFileName).Where(f => f!.EndsWith(".rdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            redis.Kill();
            Directory.Delete(root, recursive: true);
        }
    }

    private static V1Container Container(RenderedChart rendered) => Assert.Single(rendered.Backup!.Spec.JobTemplate.Spec.Template.Spec.Containers);

    private static V1EnvVar Env(V1Container container, string name) => Assert.Single(container.Env, e => e.Name == name);

    private static string Script(V1Container container)
    {
        Assert.Equal(["/bin/sh", "-c"], container.Command);
        return Assert.Single(container.Args);
    }

    private static Task<(int Code, string Output)> RunAsync(string executable, IEnumerable<string> arguments, Dictionary<string, string>? environment) =>
        ToolProcess.RunAsync(executable, arguments, environment, Token);

    private static async Task WaitForRedisAsync(int port, string password)
    {
        var output = "";
        await Eventually.HoldsAsync(
            async _ =>
            {
                (var code, output) = await RunAsync("redis-cli", ["-p", port.ToString(), "-a", password, "--no-auth-warning", "PING"], null);
                return code == 0 && output.Trim() == "PONG";
            },
            TimeSpan.FromSeconds(15), () => $"redis-server answers PING (last answer: {output})", Token, TimeSpan.FromMilliseconds(50));
    }
}
