using System.Text.Json.Nodes;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>Prometheus scraping: pod annotations on both silos, and the Prometheus Operator ServiceMonitor in production.</summary>
public sealed class MonitoringTests(ChartFixture chart)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void BothSiloPodTemplatesAskToBeScrapedOnTheHttpPortAtMetrics(string valuesFile)
    {
        var rendered = chart[valuesFile];
        foreach (var deployment in rendered.SiloDeployments)
        {
            var annotations = deployment.Spec.Template.Metadata.Annotations;
            var http = Assert.Single(Assert.Single(deployment.Spec.Template.Spec.Containers).Ports, p => p.Name == "http");

            Assert.Equal("true", annotations.ValueOrNull("prometheus.io/scrape"));
            Assert.Equal(http.ContainerPort.ToString(), annotations.ValueOrNull("prometheus.io/port"));
            Assert.Equal("/metrics", annotations.ValueOrNull("prometheus.io/path"));
        }

        // Redis serves no /metrics.
        Assert.Null(rendered.Redis.Spec.Template.Metadata.Annotations.ValueOrNull("prometheus.io/scrape"));
    }

    [Fact]
    public async Task TheScrapeAnnotationsCanBeSwitchedOff()
    {
        var rendered = RenderedChart.Load(await Helm.TemplateAsync(null, ["--set", "metrics.scrapeAnnotations=false"], Token));

        Assert.All(rendered.SiloDeployments, d => Assert.DoesNotContain(d.Spec.Template.Metadata.Annotations.Keys, k => k.StartsWith("prometheus.io/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(ValuesFiles.Default)]
    [InlineData(ValuesFiles.K3s)]
    [InlineData(ValuesFiles.K3sMultinode)]
    public void OnK3sThereIsNoServiceMonitorAndNoWorkerMetricsService(string valuesFile)
    {
        var rendered = chart[valuesFile];

        Assert.Empty(rendered.CustomResources("ServiceMonitor"));
        Assert.DoesNotContain(rendered.OfType<V1Service>(), s => s.Metadata.Labels.ValueOrNull(RenderedChart.ComponentLabel) == "silo");
    }

    [Fact]
    public void InProductionAServiceMonitorScrapesTheApiServiceAndTheWorkerMetricsServiceOnHttpAtMetrics()
    {
        var rendered = chart[ValuesFiles.Production];
        var monitor = Assert.Single(rendered.CustomResources("ServiceMonitor"));
        var api = rendered.Component<V1Service>("api");
        var workers = rendered.Component<V1Service>("silo");

        Assert.Equal("monitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal([Helm.Release], Assert.IsType<JsonArray>(monitor.At("spec.namespaceSelector.matchNames")).Select(n => n!.GetValue<string>()));
        var selected = rendered.OfType<V1Service>().Where(s => Selects(monitor, s.Metadata.Labels)).Select(s => s.Name()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { api.Name(), workers.Name() }.Order(StringComparer.Ordinal), selected);

        var endpoint = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(monitor.At("spec.endpoints"))));
        Assert.Equal(("http", "/metrics"), (monitor.Text("spec.endpoints[0].port"), monitor.Text("spec.endpoints[0].path")));
        Assert.All([api, workers], s => Assert.Contains(s.Spec.Ports, p => p.Name == "http" && p.TargetPort.Value == "http"));
        Assert.True(Seconds(monitor.Text("spec.endpoints[0].scrapeTimeout")) < Seconds(monitor.Text("spec.endpoints[0].interval")), endpoint.ToJsonString());
        Assert.Equal("component", monitor.Text("spec.endpoints[0].relabelings[0].targetLabel"));
        Assert.Equal("app.kubernetes.io/name", monitor.Text("spec.jobLabel"));
    }

    [Fact]
    public void InProductionTheWorkerMetricsServiceIsHeadlessAndCoversTheWorkersOnly()
    {
        var rendered = chart[ValuesFiles.Production];
        var workers = rendered.Component<V1Service>("silo");
        var covered = rendered.PodTemplates.Where(t => Matches(workers.Spec.Selector, t.Template.Metadata.Labels)).Select(t => t.Owner);

        Assert.Equal("None", workers.Spec.ClusterIP);
        Assert.Equal([rendered.Silo.Name()], covered);
        Assert.Equal(("http", 8080), (Assert.Single(workers.Spec.Ports).Name, workers.Spec.Ports[0].Port));
    }

    [Fact]
    public async Task TheServiceMonitorCarriesTheLabelsYourPrometheusSelects()
    {
        var rendered = RenderedChart.Load(await Helm.TemplateAsync(null,
            ["--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.serviceMonitor.labels.release=kube-prometheus-stack",
                "--api-versions", "monitoring.coreos.com/v1/ServiceMonitor"], Token));

        var monitor = Assert.Single(rendered.CustomResources("ServiceMonitor"));
        Assert.Equal("kube-prometheus-stack", monitor.Metadata.Labels.ValueOrNull("release"));
        Assert.Equal("Service=5", Assert.Single(rendered.CountsByKind(), c => c.StartsWith("Service=", StringComparison.Ordinal)));
    }

    private static bool Selects(CustomResource monitor, IDictionary<string, string> labels)
    {
        var matchLabels = monitor.At("spec.selector.matchLabels") as JsonObject ?? [];
        var expressions = monitor.At("spec.selector.matchExpressions") as JsonArray ?? [];
        return matchLabels.All(l => labels.ValueOrNull(l.Key) == l.Value!.GetValue<string>())
            && expressions.All(e =>
            {
                var value = labels.ValueOrNull(e!["key"]!.GetValue<string>());
                var values = (e["values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList();
                return e["operator"]!.GetValue<string>() switch
                {
                    "In" => value is not null && values.Contains(value),
                    "NotIn" => value is null || !values.Contains(value),
                    "Exists" => value is not null,
                    "DoesNotExist" => value is null,
                    var op => throw new InvalidOperationException($"unknown selector operator {op}"),
                };
            });
    }

    private static bool Matches(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    private static double Seconds(string duration) =>
        duration.EndsWith('s') ? double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture)
        : duration.EndsWith('m') ? 60 * double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture)
        : throw new FormatException($"unexpected duration {duration}");
}
