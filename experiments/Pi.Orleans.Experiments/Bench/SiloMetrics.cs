using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>Reads two numbers from a silo's Prometheus /metrics: calculation grains active on it and its managed heap.</summary>
public static class SiloMetrics
{
    private const string Calculations = "microsoft_orleans_orleans_catalog_activations{grain_type=\"calculation\"}";
    private const string ManagedBytes = "dotnet_total_memory_bytes";

    /// <summary>"calculation_grains=N managed_mib=M", or "metrics unavailable".</summary>
    public static async Task<string> ReadAsync(HttpClient http, Uri silo, CancellationToken cancellationToken)
    {
        try
        {
            var lines = (await http.GetStringAsync(new Uri(silo, "/metrics"), cancellationToken)).Split('\n');
            return string.Create(CultureInfo.InvariantCulture, $"calculation_grains={Value(lines, Calculations) ?? 0:F0} managed_mib={Value(lines, ManagedBytes) / (1024 * 1024):F0}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return "metrics unavailable";
        }
    }

    private static double? Value(string[] lines, string series) =>
        lines.Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => (double?)double.Parse(l[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
