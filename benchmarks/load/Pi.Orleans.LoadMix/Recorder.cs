using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Pi.Orleans.LoadMix;

/// <summary>Latencies per operation and errors per kind, kept only while <see cref="Recording"/> is on (after the warm-up).</summary>
internal sealed class Recorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public volatile bool Recording;

    public int Errors => _errors.Values.Sum();

    public void Latency(string operation, TimeSpan elapsed)
    {
        if (Recording)
        {
            _latencies.GetOrAdd(operation, _ => []).Add(elapsed.TotalMilliseconds);
        }
    }

    public void Error(string kind)
    {
        if (Recording)
        {
            _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }

    public string Describe(TimeSpan measured)
    {
        var text = new StringBuilder();
        var all = _latencies.Values.SelectMany(v => v).ToArray();
        foreach (var (name, values) in _latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, l.Value.ToArray())).Append(("all", all)))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-18} requests={values.Length,7} rps={values.Length / measured.TotalSeconds,7:F1} p50_ms={Percentile(values, 50),8:F1} p99_ms={Percentile(values, 99),8:F1} max_ms={(values.Length == 0 ? 0 : values.Max()),8:F1}");
        }

        text.Append(CultureInfo.InvariantCulture, $"errors={Errors}");
        foreach (var (kind, count) in _errors.OrderByDescending(e => e.Value))
        {
            text.Append(CultureInfo.InvariantCulture, $" [{count}× {kind}]");
        }

        return text.ToString();
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        return values[Math.Clamp((int)Math.Ceiling(p / 100 * values.Length) - 1, 0, values.Length - 1)];
    }
}
