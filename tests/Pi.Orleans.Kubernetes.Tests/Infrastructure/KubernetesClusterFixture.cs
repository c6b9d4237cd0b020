using System.Diagnostics;
using Pi.Orleans.Kubernetes.Tests.Fake;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The fake Kubernetes API with three labelled pods, a real redis-server, and the Api plus two worker Silo processes that run with
/// Kubernetes hosting against the fake (KUBERNETES_SERVICE_HOST set, Kubernetes__ApiUrl pointing at it), each as its own pod.
/// </summary>
public sealed class KubernetesClusterFixture : IAsyncLifetime
{
    /// <summary>The namespace of every pod (POD_NAMESPACE).</summary>
    public const string Namespace = "pi-test";

    /// <summary>The Orleans service id (ORLEANS_SERVICE_ID).</summary>
    public const string ServiceId = "pi-orleans";

    /// <summary>The worker HPA the status reports.</summary>
    public const string HpaName = "pi-orleans-worker";

    /// <summary>The front (Api) pod.</summary>
    public const string FrontPod = "pi-orleans-api-5c8d7b9f4-front";

    /// <summary>Kubernetes:DeletionCostInterval of the workers.</summary>
    public static readonly TimeSpan DeletionCostInterval = TimeSpan.FromSeconds(2);

    /// <summary>Shutdown:ReadinessDelay of every silo.</summary>
    public static readonly TimeSpan ReadinessDelay = TimeSpan.FromSeconds(2);

    /// <summary>Kubernetes:Timeout of every silo.</summary>
    public static readonly TimeSpan KubernetesTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The Api's key (Auth:ApiKeys); the Api client sends it on every request.</summary>
    public const string ApiKey = "kubernetes-tests-key";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly Stopwatch _sinceReady = new();
    private RedisServer? _redis;

    /// <summary>The worker pods, one per worker process.</summary>
    public static IReadOnlyList<string> WorkerPods { get; } = ["pi-orleans-worker-6f7c8d9b5-w1", "pi-orleans-worker-6f7c8d9b5-w2"];

    /// <summary>Every pod, sorted.</summary>
    public static IReadOnlyList<string> AllPods { get; } = [.. WorkerPods.Prepend(FrontPod).Order(StringComparer.Ordinal)];

    /// <summary>The pod's IP (POD_IP): its own loopback address, so the advertised silo address shows it came from POD_IP.</summary>
    public static string PodIp(string pod) => $"127.0.0.{11 + AllPods.ToList().IndexOf(pod)}";

    /// <summary>The Orleans cluster id (ORLEANS_CLUSTER_ID), new for each run.</summary>
    public string ClusterId { get; } = "k8s-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The fake Kubernetes API.</summary>
    public FakeKubernetesApi Fake { get; private set; } = null!;

    /// <summary>The Api process (the front silo).</summary>
    public HostProcess Api { get; private set; } = null!;

    /// <summary>The worker processes, in the order of <see cref="WorkerPods"/>.</summary>
    public List<HostProcess> Workers { get; } = [];

    /// <summary>How long ago every process became ready.</summary>
    public TimeSpan SinceReady => _sinceReady.Elapsed;

    public async ValueTask InitializeAsync()
    {
        Fake = await FakeKubernetesApi.StartAsync();
        var created = DateTime.UtcNow.AddMinutes(-3);
        foreach (var (pod, i) in AllPods.Select((p, i) => (p, i)))
        {
            var labels = new Dictionary<string, string>
            {
                ["app.kubernetes.io/component"] = pod == FrontPod ? "api" : "silo",
                ["orleans/serviceId"] = ServiceId,
                ["orleans/clusterId"] = ClusterId,
            };
            var json = KubernetesObjects.Pod(Namespace, pod, labels, $"node-{i % 2}", PodIp(pod), created.AddSeconds(i), restarts: i);
            Fake.Pods.Put(json);
            Fake.PutPodMetrics(KubernetesObjects.PodMetrics(json, "250m", "300Mi", DateTime.UtcNow));
        }

        Fake.PutHpa(KubernetesObjects.Hpa(Namespace, HpaName, current: 2, desired: 2, min: 1, max: 5, currentCpu: 42, targetCpu: 70, DateTime.UtcNow.AddMinutes(-2)));
        _redis = await RedisServer.StartAsync();
        Workers.AddRange(WorkerPods.Select(pod => HostProcess.Start(pod, RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"), Environment(pod))));
        Api = HostProcess.Start(FrontPod, RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), Environment(FrontPod));
        Api.Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await Task.WhenAll(Workers.Append(Api).Select(h => h.WaitReadyAsync(ReadyTimeout)));
        _sinceReady.Start();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Workers.Append(Api).Where(h => h is not null))
        {
            host.Kill();
            await host.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }
    }

    // The Api pod and the worker pods reach the fake on different ports, so every recorded request names its caller.
    private Dictionary<string, string> Environment(string pod) => new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
        ["KUBERNETES_SERVICE_PORT"] = new Uri(pod == FrontPod ? Fake.Url : Fake.WorkerUrl).Port.ToString(),
        ["Kubernetes__ApiUrl"] = pod == FrontPod ? Fake.Url : Fake.WorkerUrl,
        ["Kubernetes__Timeout"] = KubernetesTimeout.ToString(),
        ["Kubernetes__DeletionCostInterval"] = DeletionCostInterval.ToString(),
        ["Shutdown__ReadinessDelay"] = ReadinessDelay.ToString(),
        ["POD_NAME"] = pod,
        ["POD_NAMESPACE"] = Namespace,
        ["POD_IP"] = PodIp(pod),
        ["ORLEANS_SERVICE_ID"] = ServiceId,
        ["ORLEANS_CLUSTER_ID"] = ClusterId,
        ["ConnectionStrings__Redis"] = _redis!.ConnectionString,
        ["Cluster__SiloPort"] = FreePort.Next().ToString(),
        ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
        ["Dashboard__Enabled"] = "false",
        ["Auth__ApiKeys__0"] = ApiKey,
        ["Pi__ChunkPoints"] = (1 << 22).ToString(),
        ["Pi__ChunkDuration"] = "00:00:00",
        ["Pi__Slots"] = "2",
    };
}
