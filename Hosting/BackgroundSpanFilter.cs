using System.Diagnostics;
using OpenTelemetry;

namespace Pi.Orleans.Hosting;

/// <summary>
/// Drops the spans <see cref="TraceFilterOptions"/> names by clearing their Recorded flag when they start: exporters skip an unrecorded
/// span, and the default parent-based sampler then drops its children here and, through the propagated flag, on other silos.
/// </summary>
internal sealed class BackgroundSpanFilter(TraceFilterOptions options) : BaseProcessor<Activity>
{
    // Kept although no request makes it: a reminder tick is how a calculation whose silo died resumes (a trace of its own), and it
    // fires once a minute per unfinished calculation. DropNamePrefixes can still drop it.
    private const string ReminderTick = "IRemindable/ReceiveReminder";

    public override void OnStart(Activity data) => DropIf(data, (StartsTrace(data) && IsGrainCall(data)) || HasDroppedName(data));

    // A name only final at the end (an HTTP route) is checked again; that span is dropped alone, its children went their way.
    public override void OnEnd(Activity data) => DropIf(data, HasDroppedName(data));

    private static bool StartsTrace(Activity activity) => activity.ParentSpanId == default;

    private static void DropIf(Activity activity, bool drop)
    {
        if (drop)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    private bool IsGrainCall(Activity activity) =>
        options.DropBackgroundGrainCalls && TelemetryExtensions.OrleansSources.Contains(activity.Source.Name) && activity.DisplayName != ReminderTick;

    private bool HasDroppedName(Activity activity) => options.DropNamePrefixes.Any(prefix => activity.DisplayName.StartsWith(prefix, StringComparison.Ordinal));
}
