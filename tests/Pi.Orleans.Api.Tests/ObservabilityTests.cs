using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

[Collection(RedisClusterCollection.Name)]
public sealed class ObservabilityTests(RedisClusterFixture cluster)
{
    private static readonly string[] SiloNames = ["front", "worker-1", "worker-2"];
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARealPrometheusScrapesTheApiAndAWorkerAndSeesPointsSampledRise()
    {
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            ["api"] = $"127.0.0.1:{cluster.Api.HttpPort}",
            ["worker"] = $"127.0.0.1:{cluster.Workers[0].HttpPort}",
        }, Token);
        await EventuallyAsync(async () => (await prometheus.QueryAsync("sum(up)", Token)).SingleOrDefault().Value == 2, "both targets up");
        var before = await SumAsync(prometheus, "pi_orleans_points_sampled_total");

        var accepted = await cluster.Api.Client.SubmitAsync(20_000_000_000, "distributed", 21, Token);
        await EventuallyAsync(async () => await SumAsync(prometheus, "pi_orleans_points_sampled_total") > before, "points sampled rose");
        await cluster.Api.Http.DeleteAsync($"/api/calculate/{accepted.Id}", Token);

        var samples = await prometheus.QueryAsync("scrape_samples_scraped", Token);
        var durations = await prometheus.QueryAsync("scrape_duration_seconds", Token);
        foreach (var (labels, value) in samples)
        {
            TestContext.Current.SendDiagnosticMessage($"{labels["job"]}: {value} series, scrape {durations.First(d => d.Labels["job"] == labels["job"]).Value * 1000:F1} ms");
        }

        Assert.Contains(await prometheus.QueryAsync("pi_orleans_slots_capacity", Token), s => s.Labels["job"] == "worker");
        Assert.NotEmpty(await prometheus.QueryAsync("microsoft_orleans_orleans_catalog_activations", Token));
    }

    [Fact]
    public async Task TheDashboardDataEndpointsAnswerAndListEverySilo()
    {
        using (var page = await cluster.Api.Http.GetAsync("/dashboard/", Token))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        string[] names = [];
        await EventuallyAsync(async () =>
        {
            var counters = await cluster.Api.Http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters", Token);
            names = [.. counters.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("siloName").GetString()!)];
            return SiloNames.All(names.Contains);
        }, "the dashboard lists front, worker-1 and worker-2");

        using var stats = await cluster.Api.Http.GetAsync("/dashboard/ClusterStats", Token);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        var size = (await cluster.Api.Http.GetByteArrayAsync("/dashboard/DashboardCounters", Token)).Length;
        TestContext.Current.SendDiagnosticMessage($"dashboard counters: {size} bytes for {names.Length} silos");
    }

    private async Task<double> SumAsync(PrometheusServer prometheus, string metric) =>
        (await prometheus.QueryAsync($"sum({metric})", Token)).Select(s => s.Value).DefaultIfEmpty(0).Sum();

    private Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(_ => condition(), TimeSpan.FromSeconds(60), () => what, Token, TimeSpan.FromMilliseconds(200));
}
