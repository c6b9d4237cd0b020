using System.Globalization;
using k8s.Models;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// The chart's default install run as containers of the two images built here: Redis, the Api and <see cref="Workers"/> workers on
/// a docker network of their own. Names are unique per run; <see cref="DisposeAsync"/> removes every container and the network.
/// </summary>
public sealed class ContainerCluster : IAsyncLifetime
{
    /// <summary>Worker silos started (the chart's HPA would run 1 to 3).</summary>
    public const int Workers = 2;

    private static readonly TimeSpan ClusterBound = TimeSpan.FromMinutes(2);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<PodContainer> _containers = [];
    private readonly HashSet<PodContainer> _deleted = [];
    private string _subnet = "";
    private int _nextHost = 10;

    /// <summary>The chart rendered with its defaults.</summary>
    public RenderedChart Chart { get; private set; } = null!;

    /// <summary>Redis, the Api and the workers, in start order, plus the containers that replaced stopped ones.</summary>
    public IReadOnlyList<PodContainer> Containers => _containers;

    /// <summary>When a test first stopped or killed a worker: what the others log about a peer gone is not a defect.</summary>
    public DateTimeOffset? FirstFault { get; private set; }

    /// <summary>Notes that a test is about to stop or kill a worker (the first time counts).</summary>
    public void MarkFault() => FirstFault ??= DateTimeOffset.UtcNow;

    /// <summary>The containers that stand for pods still there (not deleted).</summary>
    public IReadOnlyList<PodContainer> Live => [.. _containers.Where(c => !_deleted.Contains(c))];

    public PodContainer Api => _containers.Single(c => c.Name.StartsWith("pi-orleans-api", StringComparison.Ordinal));

    /// <summary>The network's name (unique per run).</summary>
    public string Network => "pi-orleans-images-" + _run;

    /// <summary>A client for the Api's HTTP port, with the API key from the chart's Secret.</summary>
    public PiApiClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        Measurements.Report($"docker daemon {await DockerCli.RequireDaemonAsync(token)}, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Chart = RenderedChart.Load(await Helm.TemplateAsync(ValuesFiles.Default, token));
        foreach (var line in await ImageBuilder.BaseImagesAsync(token))
        {
            Measurements.Report($"base image {line}");
        }

        // Both at once: one restores while the other compiles.
        await Task.WhenAll(new[] { ("Api/Dockerfile", Chart.Api), ("Silo/Dockerfile", Chart.Silo) }.Select(async build =>
        {
            var image = Assert.Single(build.Item2.Spec.Template.Spec.Containers).Image;
            var took = await ImageBuilder.BuildAsync(build.Item1, image, token);
            Measurements.Report($"built {image} from {build.Item1} in {took.TotalSeconds:F0} s");
        }));

        _subnet = await FreeSubnetAsync(token);
        await DockerCli.RunAsync(["network", "create", "--subnet", _subnet + "0/24", "--label", RunLabel, Network], token);
        await StartAsync(New(Chart.Redis.Spec.Template, $"{Chart.Redis.Name()}-{_run}-0"), token);
        await Task.WhenAll(new[] { New(Chart.Api.Spec.Template, $"{Chart.Api.Name()}-{_run}") }
            .Concat(Enumerable.Range(1, Workers).Select(_ => NewWorker()))
            .Select(c => StartAsync(c, token)));
        Client = PiApiClient.Create($"http://{Api.Ip}:8080", apiKey: ApiKey());
        await WaitForSilosAsync(Workers + 1, token);
    }

    private string RunLabel => "org.pi-orleans.images-test=" + _run;

    /// <summary>A new worker pod (not started), named like a Deployment's pod.</summary>
    public PodContainer NewWorker() => New(Chart.Silo.Spec.Template, $"{Chart.Silo.Name()}-{_run}-{_nextHost}");

    /// <summary>Starts the container and waits for its startup and readiness probes: the time from `docker run` to ready.</summary>
    public async Task<TimeSpan> StartAsync(PodContainer container, CancellationToken cancellationToken)
    {
        await container.StartAsync(cancellationToken);
        var ready = await container.WaitReadyAsync(cancellationToken);
        Measurements.Report($"{container.Name} ready {ready.TotalSeconds:F1} s after docker run (startup and readiness probes passed)");
        return ready;
    }

    /// <summary>Deletes the pod: preStop hook, SIGTERM, the rest of the grace period; the container stays for its logs.</summary>
    public async Task<TimeSpan> DeleteAsync(PodContainer container, CancellationToken cancellationToken)
    {
        _deleted.Add(container);
        return await container.StopAsync(cancellationToken);
    }

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> silos, each of a running container of this run.</summary>
    public Task<ClusterInfo> WaitForSilosAsync(int count, CancellationToken cancellationToken) =>
        Eventually.ReachesAsync<ClusterInfo>(
            async token =>
            {
                try
                {
                    return await Client.ClusterAsync(token);
                }
                catch (Exception e) when (e is HttpRequestException or ApiException)
                {
                    return null;
                }
            },
            c => c.Silos.Count == count && c.Silos.Select(s => s.Name).Distinct().Count() == count,
            ClusterBound,
            c => $"{count} silos wanted, /api/cluster lists [{string.Join(", ", c?.Silos.Select(s => $"{s.Name} {s.Address} {s.Status}") ?? [])}]",
            cancellationToken,
            TimeSpan.FromMilliseconds(500));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        // Everything this run made carries its label, including containers of a setup that failed half-way.
        var ids = await DockerCli.TryAsync("docker", ["ps", "-aq", "--filter", "label=" + RunLabel], CancellationToken.None);
        var list = ids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (list.Length > 0)
        {
            await DockerCli.TryAsync("docker", ["rm", "-f", "-v", .. list], CancellationToken.None);
        }

        await DockerCli.TryAsync("docker", ["network", "rm", Network], CancellationToken.None);
    }

    private PodContainer New(V1PodTemplateSpec template, string name)
    {
        var container = new PodContainer(Chart, template, name, _subnet + (_nextHost++).ToString(CultureInfo.InvariantCulture), Network, RunLabel);
        _containers.Add(container);
        return container;
    }

    private string ApiKey()
    {
        var reference = Api.Container.Env.Single(e => e.Name == "Auth__ApiKeys__0").ValueFrom.SecretKeyRef;
        return System.Text.Encoding.UTF8.GetString(Chart.OfType<V1Secret>().Single(s => s.Name() == reference.Name).Data[reference.Key]);
    }

    // A 172.29.X.0/24 that neither this host nor another docker network uses.
    private static async Task<string> FreeSubnetAsync(CancellationToken cancellationToken)
    {
        var used = (await DockerCli.TryAsync("ip", ["-4", "-o", "addr"], cancellationToken)).Output;
        var networks = (await DockerCli.RunAsync(["network", "ls", "-q"], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (networks.Length > 0)
        {
            used += await DockerCli.RunAsync(["network", "inspect", "-f", "{{range .IPAM.Config}} {{.Subnet}}{{end}}", .. networks], cancellationToken);
        }

        for (var i = 0; i < 250; i++)
        {
            var subnet = $"172.29.{(Environment.ProcessId + i) % 250}.";
            if (!used.Contains(" " + subnet, StringComparison.Ordinal))
            {
                return subnet;
            }
        }

        throw new InvalidOperationException("no free 172.29.X.0/24 for the test's docker network");
    }
}
