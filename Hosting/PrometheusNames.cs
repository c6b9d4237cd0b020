using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Hosting;

/// <summary>
/// The OpenTelemetry view that keeps the Prometheus names of the meters we scrape: the meter's name stays in front of the
/// instrument's (<c>pi_orleans_*</c>, <c>microsoft_orleans_*</c>), and their histograms keep the buckets they had under
/// prometheus-net (0.01 × 2ⁿ, n = 0…24): OpenTelemetry's defaults (0, 5, 10, … 10,000, made for milliseconds) would put every
/// chunk duration in seconds into the first bucket. The view applies to OTLP too, so both exports use the same names.
/// Other meters (runtime, ASP.NET Core) keep their OpenTelemetry names and advised buckets.
/// </summary>
internal static class PrometheusNames
{
    private static readonly double[] Buckets = [.. Enumerable.Range(0, 25).Select(n => 0.01 * Math.Pow(2, n))];

    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        if (instrument.Meter.Name is not (PiInstruments.MeterName or TelemetryExtensions.OrleansMeter))
        {
            return null;
        }

        var name = instrument.Meter.Name.ToLowerInvariant().Replace('.', '_') + "." + instrument.Name;
        return instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>)
            ? new ExplicitBucketHistogramConfiguration { Name = name, Boundaries = Buckets }
            : new MetricStreamConfiguration { Name = name };
    }
}
