using System.Diagnostics;
using System.Globalization;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// One pod of the chart run as one docker container on the test's network: the pod name as container name and hostname, a fixed
/// address standing for the pod IP, the names of the Services that select the pod as network aliases (what cluster DNS resolves),
/// and every other flag from <see cref="DockerRunArguments"/> and <see cref="PodEnvironment"/>.
/// </summary>
public sealed class PodContainer(RenderedChart chart, V1PodTemplateSpec template, string name, string ip, string network, string runLabel)
{
    /// <summary>The pod's name: the container's name, hostname and POD_NAME.</summary>
    public string Name { get; } = name;

    /// <summary>The pod IP: the container's address on the network, and POD_IP.</summary>
    public string Ip { get; } = ip;

    /// <summary>The pod template the container stands for.</summary>
    public V1PodTemplateSpec Template { get; } = template;

    /// <summary>The template's only container.</summary>
    public V1Container Container { get; } = Assert.Single(template.Spec.Containers);

    /// <summary>The probes of the container, startup first.</summary>
    public IReadOnlyList<PodProbe> Probes => PodProbe.Of(Container);

    /// <summary>The full `docker run` command line.</summary>
    public IReadOnlyList<string> RunCommand()
    {
        var (flags, arguments) = DockerRunArguments.For(Template.Spec, Container);
        var aliases = chart.OfType<V1Service>()
            .Where(s => s.Spec.Selector is { Count: > 0 } selector && selector.All(l => Template.Metadata.Labels.ValueOrNull(l.Key) == l.Value))
            .SelectMany(s => new[] { "--network-alias", s.Name() });
        var environment = PodEnvironment.Resolve(chart, Template, Container, Name, chart.Api.Namespace(), Ip)
            .SelectMany(v => new[] { "--env", $"{v.Key}={v.Value}" });
        return
        [
            "run", "--detach", "--name", Name, "--hostname", Name, "--network", network, "--ip", Ip, "--label", runLabel,
            "--pull", "never", .. aliases, .. environment, .. flags, Container.Image, .. arguments,
        ];
    }

    /// <summary>Creates and starts the container.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => DockerCli.RunAsync(RunCommand(), cancellationToken);

    /// <summary>Starts the stopped container again, as the kubelet restarts a container whose process ended.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => DockerCli.RunAsync(["start", Name], cancellationToken);

    /// <summary>Polls the startup probe, then the readiness probe, each within the kubelet's patience: the time it took.</summary>
    public async Task<TimeSpan> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var probe in Probes.Where(p => p.Kind is "startup" or "readiness"))
        {
            var last = "";
            while (true)
            {
                var (ok, seen) = await probe.RunAsync(Name, Ip, cancellationToken);
                if (ok)
                {
                    break;
                }

                last = seen;
                // The kubelet would restart a container that exited (CrashLoopBackOff); a test learns more from failing now.
                if (!await IsRunningAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"{Name} exited before its {probe.Kind} probe passed:\n{await LogsAsync(cancellationToken)}");
                }

                if (clock.Elapsed > probe.Patience)
                {
                    throw new TimeoutException($"{Name}: {probe.Description} failed for {probe.Patience} (last: {last})\n{await LogsAsync(cancellationToken)}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// What the kubelet does on pod deletion: the preStop hook, then SIGTERM with the rest of terminationGracePeriodSeconds before
    /// SIGKILL (`docker stop -t`). Returns how long the container took to exit.
    /// </summary>
    public async Task<TimeSpan> StopAsync(CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromSeconds(Template.Spec.TerminationGracePeriodSeconds ?? 30);
        var clock = Stopwatch.StartNew();
        if (Container.Lifecycle?.PreStop?.Exec?.Command is { Count: > 0 } hook)
        {
            await DockerCli.RunAsync(["exec", Name, .. hook], cancellationToken, grace);
        }

        var rest = Math.Max(1, (int)(grace - clock.Elapsed).TotalSeconds);
        await DockerCli.RunAsync(["stop", "-t", rest.ToString(CultureInfo.InvariantCulture), Name], cancellationToken, grace + TimeSpan.FromSeconds(30));
        return clock.Elapsed;
    }

    /// <summary>SIGKILL, as when the node or the OOM killer takes the process.</summary>
    public Task KillAsync(CancellationToken cancellationToken) => DockerCli.RunAsync(["kill", Name], cancellationToken);

    /// <summary>The exit code docker recorded, and whether the container was OOM-killed.</summary>
    public async Task<(int ExitCode, bool OomKilled)> ExitAsync(CancellationToken cancellationToken)
    {
        var state = (await DockerCli.RunAsync(["inspect", "-f", "{{.State.ExitCode}} {{.State.OOMKilled}}", Name], cancellationToken)).Trim().Split(' ');
        return (int.Parse(state[0], CultureInfo.InvariantCulture), state[1] == "true");
    }

    /// <summary>Whether the container's process runs.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await DockerCli.TryAsync("docker", ["inspect", "-f", "{{.State.Running}}", Name], cancellationToken)).Output.Trim() == "true";

    /// <summary>Memory in use and the limit, from `docker stats` (the cgroup's usage less its inactive file cache).</summary>
    public async Task<(long Used, long Limit)> MemoryAsync(CancellationToken cancellationToken)
    {
        var stats = await DockerCli.RunAsync(["stats", "--no-stream", "--format", "{{.MemUsage}}", Name], cancellationToken);
        var parts = stats.Split('/', StringSplitOptions.TrimEntries);
        return (Bytes(parts[0]), Bytes(parts[1]));
    }

    // docker stats prints binary units: "41.2MiB", "512MiB", "1.5GiB".
    private static long Bytes(string text)
    {
        var units = new[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1L) };
        var (suffix, factor) = units.First(u => text.EndsWith(u.Item1, StringComparison.Ordinal));
        return (long)(double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
    }

    /// <summary>Everything the container wrote (standard output and error, across restarts).</summary>
    public async Task<string> LogsAsync(CancellationToken cancellationToken, DateTimeOffset? until = null) =>
        (await DockerCli.TryAsync("docker", until is { } u
            ? ["logs", "--until", u.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), Name]
            : ["logs", Name], cancellationToken)).Output;
}
