using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Profiling;

/// <summary>
/// Sorts CPU samples of a request path into the parts issue #24 asks about. Each sample's stack is read from its leaf up; the
/// first frame that belongs to a part decides the sample (so JSON written inside a Kestrel request counts as JSON, and a storage
/// write inside a grain call as storage). Stacks come from <c>perf script</c> over a process run with
/// <c>DOTNET_PerfMapEnabled=1</c>, so that jitted frames have names.
/// </summary>
public static partial class PerfCategories
{
    /// <summary>The parts, in the order a frame is tested against them.</summary>
    public static readonly IReadOnlyList<(string Name, Regex Frame)> Parts =
    [
        ("sampling (the kernel)", Sampling()),
        ("metrics: periodic collection", MetricsCollection()),
        ("metrics: recording", MetricsRecording()),
        ("logging", Logging()),
        ("tracing (Activity)", Tracing()),
        ("dashboard profiler", Dashboard()),
        ("state storage", Storage()),
        ("admission and index partitions", Index()),
        ("grain activation and deactivation", Activation()),
        ("grain calls (Orleans messaging)", Messaging()),
        ("JSON", Json()),
        ("validation (SubmitReader)", Validation()),
        ("Kestrel, routing and middleware", AspNetCore()),
        ("our request and grain code", OwnCode()),
    ];

    /// <summary>The part of one sample, given its frames from the leaf up.</summary>
    public static string Classify(IReadOnlyList<string> frames)
    {
        if (frames.Count == 0)
        {
            return "other";
        }

        if (frames[0].Contains("libclrjit", StringComparison.Ordinal))
        {
            return "JIT compiler";
        }

        foreach (var frame in frames)
        {
            foreach (var (name, pattern) in Parts)
            {
                if (pattern.IsMatch(frame))
                {
                    return name;
                }
            }
        }

        return frames[0].Contains("kernel.kallsyms", StringComparison.Ordinal) ? "kernel (sockets, scheduling)"
            : frames[0].Contains("libcoreclr", StringComparison.Ordinal) ? "runtime (GC, stubs)"
            : "other";
    }

    /// <summary>Reads <c>perf script</c> output (a header line, then one indented frame per line, a blank line between samples) and counts the samples of each part.</summary>
    public static IReadOnlyDictionary<string, int> Count(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, int>();
        List<string> frames = [];
        foreach (var line in lines.Append(""))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                frames.Add(line.Trim());
            }
            else if (line.Trim().Length == 0 && frames.Count > 0)
            {
                var part = Classify(frames);
                counts[part] = counts.GetValueOrDefault(part) + 1;
                frames = [];
            }
        }

        return counts;
    }

    [GeneratedRegex(@"Sampling\.(Vector\d+Kernel|ScalarKernel|PiSampler)")]
    private static partial Regex Sampling();

    [GeneratedRegex(@"CollectObservableInstruments|PeriodicExportingMetricReader|ObserveCacheSize|MetricReader::Collect")]
    private static partial Regex MetricsCollection();

    [GeneratedRegex(@"OpenTelemetry\.Metrics|System\.Diagnostics\.Metrics|PiInstruments")]
    private static partial Regex MetricsRecording();

    [GeneratedRegex(@"Microsoft\.Extensions\.Logging|LoggerMessage")]
    private static partial Regex Logging();

    [GeneratedRegex(@"System\.Diagnostics\.Activity|ActivityPropagation|OpenTelemetry\.Trace")]
    private static partial Regex Tracing();

    [GeneratedRegex(@"Orleans\.Dashboard")]
    private static partial Regex Dashboard();

    [GeneratedRegex(@"StateStorageBridge|GrainStorage|ChainedWriter")]
    private static partial Regex Storage();

    [GeneratedRegex(@"CalculationIndex|AdmissionBudget")]
    private static partial Regex Index();

    [GeneratedRegex(@"ActivationData::(ActivateAsync|Start|FinishDeactivating|Deactivate|StartDeactivating)|<ActivateAsync>|<FinishDeactivating>|Catalog::|PlacementService|ActivationCollector|GrainTimer|LifecycleSubject|GrainDirectory|GrainLocator")]
    private static partial Regex Activation();

    [GeneratedRegex(@"\[Orleans\.|Orleans\.Runtime\.|Orleans\.Serialization\.")]
    private static partial Regex Messaging();

    [GeneratedRegex(@"System\.Text\.Json")]
    private static partial Regex Json();

    [GeneratedRegex(@"SubmitReader|SubmitRequest|StrictNumberConverter|DataAnnotations")]
    private static partial Regex Validation();

    [GeneratedRegex(@"Microsoft\.AspNetCore|Microsoft\.Extensions\.DependencyInjection|System\.IO\.Pipelines|System\.Net\.Sockets|Pi\.Orleans\.Api\.")]
    private static partial Regex AspNetCore();

    [GeneratedRegex(@"Pi\.Orleans\.(Grains|Core)\.")]
    private static partial Regex OwnCode();
}
