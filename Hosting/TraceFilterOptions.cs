namespace Pi.Orleans.Hosting;

/// <summary>Which spans the trace pipeline drops before export, bound from the "Telemetry:Traces" configuration section.</summary>
public sealed class TraceFilterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry:Traces";

    /// <summary>
    /// Whether a grain call that starts a trace of its own is dropped, with everything it causes: Orleans' timer ticks, membership
    /// probes, statistics, directory and manifest traffic, the Api's periodic slot readings. Grain calls made for a traced request (an
    /// HTTP call and the calculation it starts, across silos) are kept, Orleans' own among them, and so are reminder ticks (they resume
    /// a calculation whose silo died). Default: true.
    /// </summary>
    public bool DropBackgroundGrainCalls { get; set; } = true;

    /// <summary>Span names, by prefix (ordinal), that are dropped as well, with what they cause. Default: none.</summary>
    public string[] DropNamePrefixes { get; set; } = [];
}
