using System.Text.Json.Nodes;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;
using YamlDotNet.RepresentationModel;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>The Grafana dashboard, the Prometheus example and docs/observability.md, read as files.</summary>
public sealed class DashboardTests
{
    private const string DataSource = "${DS_PROMETHEUS}";

    [Fact]
    public void TheDashboardIsImportableWithThePrometheusDataSourceAsAnInput()
    {
        var dashboard = GrafanaDashboard.Load();

        var input = Assert.Single(Assert.IsType<JsonArray>(dashboard["__inputs"]));
        Assert.Equal(("DS_PROMETHEUS", "datasource", "prometheus"),
            (input!["name"]!.GetValue<string>(), input["type"]!.GetValue<string>(), input["pluginId"]!.GetValue<string>()));
        Assert.Null(dashboard["id"]);
        Assert.False(string.IsNullOrWhiteSpace(dashboard["uid"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(dashboard["title"]?.GetValue<string>()));

        // Every data source reference is the input, apart from Grafana's built-in annotation source.
        var references = Descendants(dashboard).OfType<JsonObject>()
            .Where(o => o.Parent is JsonObject parent && parent["datasource"] == o)
            .Select(o => o["uid"]?.GetValue<string>())
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references.Where(uid => uid != "-- Grafana --"), uid => Assert.Equal(DataSource, uid));
    }

    [Fact]
    public void EveryPanelHasAPromQlExpressionAndItsOwnPlaceOnTheGrid()
    {
        var panels = GrafanaDashboard.Panels(GrafanaDashboard.Load()).ToList();

        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        var cells = new HashSet<(int X, int Y)>();
        foreach (var panel in panels)
        {
            var title = panel["title"]?.GetValue<string>() ?? "?";
            var targets = panel["targets"] as JsonArray ?? [];
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t?["expr"]?.GetValue<string>()), $"panel '{title}' has a target without expr"));
            Assert.Equal(targets.Count, targets.Select(t => t!["refId"]!.GetValue<string>()).Distinct().Count());

            var grid = panel["gridPos"]!;
            var (x, y, w, h) = (grid["x"]!.GetValue<int>(), grid["y"]!.GetValue<int>(), grid["w"]!.GetValue<int>(), grid["h"]!.GetValue<int>());
            Assert.True(x >= 0 && w > 0 && h > 0 && x + w <= 24, $"panel '{title}' does not fit the 24-column grid");
            for (var i = x; i < x + w; i++)
            {
                for (var j = y; j < y + h; j++)
                {
                    Assert.True(cells.Add((i, j)), $"panel '{title}' overlaps another panel at ({i}, {j})");
                }
            }
        }
    }

    [Fact]
    public void EveryPiOrleansAndOrleansMetricTheDashboardNamesIsOneTheServiceReallyExports()
    {
        var text = File.ReadAllText(GrafanaDashboard.Path);
        var names = GrafanaDashboard.OurMetricNames(text).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(ExportedMetrics.FamilyOf(name) is not null, $"{name} is not exported by the service (see ExportedMetrics)"));

        // histogram_quantile only over the _bucket series of real histograms.
        foreach (var (panel, expr) in GrafanaDashboard.PanelExpressions(GrafanaDashboard.Load()).Where(e => e.Expr.Contains("histogram_quantile", StringComparison.Ordinal)))
        {
            var bucket = Assert.Single(GrafanaDashboard.MetricNames(expr));
            Assert.True(bucket.EndsWith("_bucket", StringComparison.Ordinal) && ExportedMetrics.Families[bucket[..^"_bucket".Length]] == "histogram", $"{panel}: {expr}");
        }
    }

    [Fact]
    public void TheDashboardCoversThroughputChunksSlotsSilosAutoscalingAndLatency()
    {
        var expressions = GrafanaDashboard.PanelExpressions(GrafanaDashboard.Load()).Select(e => e.Expr).ToList();
        var names = expressions.SelectMany(GrafanaDashboard.MetricNames).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(
        [
            "pi_orleans_points_rate_per_second", "pi_orleans_points_sampled_total",
            "pi_orleans_chunks_completed_total", "pi_orleans_chunks_failed_total", "pi_orleans_chunks_retried_total", "pi_orleans_chunks_pending",
            "pi_orleans_slots_capacity", "pi_orleans_slots_used", "pi_orleans_slots_queued",
            "up", "pi_orleans_scaling_desired_workers",
            "kube_horizontalpodautoscaler_status_current_replicas", "kube_horizontalpodautoscaler_status_desired_replicas",
        ]), names);
        foreach (var histogram in (string[])["pi_orleans_chunk_duration_seconds", "pi_orleans_calculation_duration_seconds", "microsoft_orleans_orleans_app_requests_latency_milliseconds"])
        {
            foreach (var q in (string[])["0.5", "0.95", "0.99"])
            {
                Assert.Contains(expressions, e => e.StartsWith($"histogram_quantile({q},", StringComparison.Ordinal) && e.Contains(histogram + "_bucket", StringComparison.Ordinal));
            }
        }

        // Per silo as well as for the whole cluster.
        Assert.Contains(expressions, e => e.Contains("by (pod) (pi_orleans_points_rate_per_second", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("by (pod) (pi_orleans_slots_queued", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePrometheusExampleReadsTheAnnotationsTheChartWritesAndHasALocalJob()
    {
        var config = new YamlStream();
        config.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "manifests", "monitoring", "prometheus.yml"))));
        var jobs = ((YamlSequenceNode)((YamlMappingNode)config.Documents[0].RootNode)["scrape_configs"]).Children.Cast<YamlMappingNode>()
            .ToDictionary(j => ((YamlScalarNode)j["job_name"]).Value!);

        var kubernetes = jobs["pi-orleans"];
        Assert.Equal("pod", ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)kubernetes["kubernetes_sd_configs"])[0])["role"]).Value);
        var sources = ((YamlSequenceNode)kubernetes["relabel_configs"]).Children.Cast<YamlMappingNode>()
            .Where(r => r.Children.ContainsKey("source_labels"))
            .SelectMany(r => ((YamlSequenceNode)r["source_labels"]).Children.Select(s => ((YamlScalarNode)s).Value!))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var annotation in (string[])["prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path"])
        {
            Assert.Contains("__meta_kubernetes_pod_annotation_" + annotation.Replace('.', '_').Replace('/', '_'), sources);
        }

        Assert.Contains("static_configs", jobs["pi-orleans-local"].Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void TheObservabilityDocDescribesEveryOwnMetric()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "observability.md"));

        Assert.All(ExportedMetrics.Families.Keys.Where(n => n.StartsWith("pi_orleans_", StringComparison.Ordinal)),
            name => Assert.True(doc.Contains(name, StringComparison.Ordinal), $"docs/observability.md does not mention {name}"));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(o),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(a),
        _ => [node],
    };
}
