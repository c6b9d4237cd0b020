using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Prometheus;

// Cost per measurement of one .NET meter under each listener that could serve /metrics: none, prometheus-net's MeterAdapter, the
// OpenTelemetry SDK with its Prometheus exporter, the SDK without a reader, and a MeterListener forwarding to prometheus-net's own types.
// Usage: dotnet Pi.Orleans.MetricsCost.dll none|adapter|otel|otel-noreader|bridge
const int N = 5_000_000;
var mode = args.Length > 0 ? args[0] : "none";
using var meter = new Meter("Bench");
var counter = meter.CreateCounter<long>("req.count");
var tagged = meter.CreateCounter<long>("req.tagged");
var histogram = meter.CreateHistogram<double>("req.duration", "s");
using var listening = Listen(mode, counter);
var method = new KeyValuePair<string, object?>("method", "POST");
var route = new KeyValuePair<string, object?>("route", "/api/calculate");
for (var round = 0; round < 3; round++)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < N; i++)
    {
        counter.Add(1);
    }

    var plain = clock.Elapsed.TotalNanoseconds / N;
    clock.Restart();
    for (var i = 0; i < N; i++)
    {
        tagged.Add(1, method, route);
    }

    var withTags = clock.Elapsed.TotalNanoseconds / N;
    clock.Restart();
    for (var i = 0; i < N; i++)
    {
        histogram.Record(i * 1e-6);
    }

    var recorded = clock.Elapsed.TotalNanoseconds / N;

    // The first round warms up (JIT tiers, first series).
    if (round > 0)
    {
        Console.WriteLine($"{mode,-14} counter {plain,6:F1} ns  counter+2tags {withTags,6:F1} ns  histogram {recorded,6:F1} ns");
    }
}

static IDisposable? Listen(string mode, Counter<long> plain) => mode switch
{
    "adapter" => StartAdapter(),
    "otel" => Sdk.CreateMeterProviderBuilder().AddMeter("Bench").AddPrometheusExporter().Build(),
    "otel-noreader" => Sdk.CreateMeterProviderBuilder().AddMeter("Bench").Build(),
    "bridge" => StartBridge(plain),
    _ => null,
};

static IDisposable StartAdapter()
{
    Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
    return MeterAdapter.StartListening(new MeterAdapterOptions { InstrumentFilterPredicate = i => i.Meter.Name == "Bench" });
}

static IDisposable StartBridge(Counter<long> plain)
{
    var count = Metrics.CreateCounter("bench_req_count_total", "Requests.");
    var tagged = Metrics.CreateCounter("bench_req_tagged_total", "Requests by method and route.", "method", "route");
    var duration = Metrics.CreateHistogram("bench_req_duration_seconds", "Request duration.");
    var listener = new MeterListener
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Bench")
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
    {
        if (ReferenceEquals(instrument, plain))
        {
            count.Inc(value);
        }
        else
        {
            tagged.WithLabels((string)tags[0].Value!, (string)tags[1].Value!).Inc(value);
        }
    });
    listener.SetMeasurementEventCallback<double>((_, value, _, _) => duration.Observe(value));
    listener.Start();
    return listener;
}
