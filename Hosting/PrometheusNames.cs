using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Hosting;

/// <summary>
/// The OpenTelemetry view that keeps the Prometheus names of the meters we scrape: the meter's name stays in front of the
/// instrument's (<c>pi_orleans_*</c>, <c>microsoft_orleans_*</c>), and every histogram keeps the buckets it had under
/// prometheus-net (0.01 × 2ⁿ, n = 0…24) unless the instrument advises its own.
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
