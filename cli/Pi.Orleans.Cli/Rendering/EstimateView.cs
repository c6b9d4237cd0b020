using Pi.Orleans.Contracts;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>An estimate as a two-column table.</summary>
internal static class EstimateView
{
    public static void Render(IAnsiConsole console, Estimate e)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        void Row(string name, string value) => table.AddRow(new Markup($"[grey]{name}[/]"), new Markup(value));
        Row("points", $"{Format.Count(e.TotalPoints)} ({PointCount.Format(e.TotalPoints)})");
        if (e.TargetError is { } target)
        {
            Row("target error", Format.Error(target));
        }

        Row("expected half-width", Format.Error(e.ExpectedHalfWidth));
        // Null until the cluster has measured its speed on a calculation.
        Row("expected duration", e.ExpectedDurationS is { } s ? Format.Seconds(s * 1000) : "[grey]unknown until a calculation has run[/]");
        Row("points/s per slot", Format.Number(e.PointsPerSecondPerSlot, "0.###e0"));
        Row("slots", $"{e.SlotsAvailable} available, {e.SlotsPerWorker} per worker");
        if (e.DeadlineS is { } deadline)
        {
            Row("deadline", Format.Seconds(deadline * 1000));
            Row("workers needed", e.DesiredWorkers?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–");
        }

        console.Write(table);
    }
}
