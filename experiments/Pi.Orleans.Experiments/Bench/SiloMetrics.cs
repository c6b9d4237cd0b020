using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>Reads two numbers from a silo's Prometheus /metrics: calculation grains active on it and its managed heap.</summary>
public static class SiloMetrics
{
    private const string Activations = "microsoft_orleans_orleans_catalog_activations";

    // The managed heap after the last collection, summed over its generations (the runtime's System.Runtime meter).
    private const string HeapBytes = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>"calculation_grains=N managed_mib=M", or "metrics unavailable".</summary>
    public static async Task<string> ReadAsync(HttpClient http, Uri silo, CancellationToken cancellationToken)
    {
        try
        {
            return Describe(await http.GetStringAsync(new Uri(silo, "/metrics"), cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return "metrics unavailable";
        }
    }

    /// <summary>The same from a /metrics text already read; "?" for a number the text does not have.</summary>
    public static string Describe(string metrics)
    {
        var grains = PrometheusText.Sum(metrics, Activations, ("grain_type", "calculation"));
        var heapMib = PrometheusText.Sum(metrics, HeapBytes) / (1024 * 1024);
        return $"calculation_grains={Whole(grains)} managed_mib={Whole(heapMib)}";
    }

    private static string Whole(double? value) => value?.ToString("F0", CultureInfo.InvariantCulture) ?? "?";
}
