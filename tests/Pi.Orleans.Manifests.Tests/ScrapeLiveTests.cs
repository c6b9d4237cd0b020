using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;
using YamlDotNet.RepresentationModel;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// The monitoring files against real processes: the built Api, scraped by a real Prometheus running manifests/monitoring/prometheus.yml,
/// with the chart's pod templates standing in for Kubernetes pod discovery; then every dashboard query runs on what it scraped.
/// </summary>
public sealed partial class ScrapeLiveTests(ChartFixture chart)
{
    private const string Namespace = "pi-orleans";
    private const long ChunkPoints = 1 << 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePrometheusExampleScrapesTheAnnotatedSiloPodsAndEveryDashboardQueryRunsOnWhatItScraped()
    {
        var rendered = chart[ValuesFiles.Default];
        await using var api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            // Small chunks: a Debug build samples slowly, and many chunks give the histograms and rates data.
            ["Pi__ChunkPoints"] = ChunkPoints.ToString(),
            ["Pi__ChunkDuration"] = "00:00:00",
        });
        await api.WaitReadyAsync(Patience, Token);

        // Debian's Prometheus is built without Kubernetes discovery, so the pods the chart renders are handed to the same job through
        // a file with the labels Kubernetes discovery would give them. Only the annotated port changes: the Api listens on a free port.
        // A running worker pod (no process behind it), a pending worker pod and the Redis pod complete the picture.
        var pods = new JsonArray(
            Pod(rendered.Api.Spec.Template, "pi-orleans-api-0", "Running", api.HttpPort),
            Pod(rendered.Silo.Spec.Template, "pi-orleans-silo-0", "Running", FreePort.Next()),
            Pod(rendered.Silo.Spec.Template, "pi-orleans-silo-1", "Pending", FreePort.Next()),
            Pod(rendered.Redis.Spec.Template, "pi-orleans-redis-0", "Running", null));
        await using var prometheus = await PrometheusProcess.StartAsync(dir => ExampleConfigFor(dir, pods, api.HttpPort), Token);

        // The annotation job finds both silo pods (one target each, whatever their container ports) and nothing else.
        IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string ScrapeUrl, string Health)> targets = [];
        await EventuallyAsync(async () =>
        {
            targets = await prometheus.ActiveTargetsAsync(Token);
            return targets.Any(t => t.Labels["job"] == "pi-orleans" && t.Labels["pod"] == "pi-orleans-api-0" && t.Health == "up")
                && targets.Any(t => t.Labels["job"] == "pi-orleans-local" && t.Health == "up");
        }, "Prometheus scrapes the Api through both jobs");
        var annotated = targets.Where(t => t.Labels["job"] == "pi-orleans").OrderBy(t => t.Labels["pod"], StringComparer.Ordinal).ToList();
        Assert.Equal(["pi-orleans-api-0", "pi-orleans-silo-0"], annotated.Select(t => t.Labels["pod"]));
        Assert.Equal(["api", "silo"], annotated.Select(t => t.Labels["component"]));
        Assert.All(annotated, t => Assert.Equal(Namespace, t.Labels["namespace"]));
        Assert.Equal($"http://127.0.0.1:{api.HttpPort}/metrics", annotated[0].ScrapeUrl);
        Assert.Equal($"127.0.0.1:{api.HttpPort}", Assert.Single(targets, t => t.Labels["job"] == "pi-orleans-local" && t.Health == "up").Labels["pod"]);

        // Work, so that counters, histograms and rates have something to show. Two calculations, so that rate() and increase() see
        // more than one step.
        for (var run = 1; run <= 2; run++)
        {
            await CalculateAsync(api, seed: run);
            await EventuallyAsync(async () => (await prometheus.QueryAsync($"sum(pi_orleans_calculation_duration_seconds_count{{job=\"pi-orleans\"}}) >= {run}", Token)).Result.Count > 0,
                $"Prometheus scraped calculation {run}");
        }

        var live = await prometheus.MetricNamesAsync(Token);
        var variables = new Dictionary<string, string>
        {
            ["namespace"] = Namespace, ["job"] = "pi-orleans", ["hpa"] = ".*", ["__rate_interval"] = "1m", ["__range"] = "5m",
        };

        var dashboard = GrafanaDashboard.Load();
        var failures = new List<string>();
        foreach (var (panel, expr) in GrafanaDashboard.PanelExpressions(dashboard))
        {
            var query = GrafanaDashboard.Runnable(expr, variables);
            var (success, result, error) = await prometheus.QueryAsync(query, Token);
            var metrics = GrafanaDashboard.MetricNames(expr).Where(IsMetric).ToList();
            if (!success)
            {
                failures.Add($"{panel}: {query}: {error}");
            }
            else if (result.Count == 0 && metrics.All(live.Contains) && !NeedsAWorkerSilo(expr))
            {
                failures.Add($"{panel}: {query}: no data, although Prometheus has {string.Join(", ", metrics)}");
            }
        }

        foreach (var (name, query) in GrafanaDashboard.VariableQueries(dashboard))
        {
            var runnable = GrafanaDashboard.Runnable(query, variables);
            var (success, result, error) = await prometheus.QueryAsync(runnable, Token);
            if (!success)
            {
                failures.Add($"variable {name}: {runnable}: {error}");
            }
            else if (name is "namespace" or "job" && !result.Any(r => r!["metric"]![name]?.GetValue<string>() == variables[name]))
            {
                failures.Add($"variable {name}: {runnable} does not offer {variables[name]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // Every pi_orleans_* family Prometheus stored is in the hard-coded list the dashboard test checks against.
        Assert.All(live.Where(n => n.StartsWith("pi_orleans_", StringComparison.Ordinal)),
            n => Assert.True(ExportedMetrics.FamilyOf(n) is not null, $"{n} is exported but missing from ExportedMetrics"));
    }

    private static async Task CalculateAsync(HostProcess api, int seed)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/calculate", new { total_points = 32 * ChunkPoints, mode = "distributed", seed }, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["id"]!.GetValue<string>();
        await EventuallyAsync(async () =>
            JsonNode.Parse(await api.Http.GetStringAsync($"/api/calculate/{id}", Token))!["status"]!.GetValue<string>() == "completed", $"calculation {seed} completes");
    }

    // The worker-count query excludes the Api; this test runs no worker silo.
    private static bool NeedsAWorkerSilo(string expr) => expr.Contains("component!=\"api\"", StringComparison.Ordinal);

    private static bool IsMetric(string name) =>
        name.StartsWith("pi_orleans_", StringComparison.Ordinal) || name.StartsWith("microsoft_orleans_", StringComparison.Ordinal)
        || name.StartsWith("kube_", StringComparison.Ordinal) || name == "up";

    // One pod as Kubernetes pod discovery describes it: a target per container port, the pod's labels and annotations as meta labels.
    private static JsonObject Pod(V1PodTemplateSpec template, string name, string phase, int? annotatedPort)
    {
        var labels = new JsonObject
        {
            ["__meta_kubernetes_namespace"] = Namespace,
            ["__meta_kubernetes_pod_name"] = name,
            ["__meta_kubernetes_pod_phase"] = phase,
            ["__meta_kubernetes_pod_node_name"] = "node-1",
        };
        foreach (var (key, value) in template.Metadata.Labels)
        {
            labels["__meta_kubernetes_pod_label_" + Sanitize(key)] = value;
        }

        foreach (var (key, value) in template.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            labels["__meta_kubernetes_pod_annotation_" + Sanitize(key)] = key == "prometheus.io/port" && annotatedPort is { } port ? port.ToString() : value;
        }

        var ports = template.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => (JsonNode)$"127.0.0.1:{p.ContainerPort}").ToArray();
        return new JsonObject { ["targets"] = new JsonArray(ports), ["labels"] = labels };
    }

    // manifests/monitoring/prometheus.yml with three test changes: a 1 s scrape interval, the pods above instead of the cluster's
    // (file discovery instead of Kubernetes discovery) and the local job's Api target on the Api's port.
    private static string ExampleConfigFor(string dir, JsonArray pods, int apiPort)
    {
        var file = Path.Combine(dir, "pods.json");
        File.WriteAllText(file, pods.ToJsonString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "manifests", "monitoring", "prometheus.yml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var global = (YamlMappingNode)root["global"];
        global.Children[new YamlScalarNode("scrape_interval")] = new YamlScalarNode("1s");
        global.Children[new YamlScalarNode("scrape_timeout")] = new YamlScalarNode("1s");
        foreach (var job in ((YamlSequenceNode)root["scrape_configs"]).Children.Cast<YamlMappingNode>())
        {
            if (job.Children.Remove(new YamlScalarNode("kubernetes_sd_configs")))
            {
                job.Children[new YamlScalarNode("file_sd_configs")] = new YamlSequenceNode(new YamlMappingNode(
                    new YamlScalarNode("files"), new YamlSequenceNode(new YamlScalarNode(file)),
                    new YamlScalarNode("refresh_interval"), new YamlScalarNode("1s")));
            }

            foreach (var scalar in AllScalars(job).Where(s => s.Value == "127.0.0.1:8080"))
            {
                scalar.Value = $"127.0.0.1:{apiPort}";
            }
        }

        using var writer = new StringWriter();
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static IEnumerable<YamlScalarNode> AllScalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s],
        YamlSequenceNode q => q.Children.SelectMany(AllScalars),
        YamlMappingNode m => m.Children.Values.SelectMany(AllScalars),
        _ => [],
    };

    private static string Sanitize(string name) => NonLabelCharacters().Replace(name, "_");

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(_ => condition(), Patience, () => what, Token, TimeSpan.FromMilliseconds(250));

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex NonLabelCharacters();
}
