using Pi.Orleans.Contracts;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>One calculation as a two-column table.</summary>
internal static class CalculationView
{
    public static void Render(IAnsiConsole console, Calculation c)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        void Row(string name, string value) => table.AddRow(new Markup($"[grey]{name}[/]"), new Markup(value));
        Row("id", c.Id.ToString());
        Row("status", Format.StatusMarkup(c.Status));
        Row("mode", Markup.Escape(c.Mode));
        Row("points", $"{Format.Count(c.TotalPoints)} ({PointCount.Format(c.TotalPoints)})");
        Row("seed", c.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("chunks", $"{c.ChunksDone}/{c.ChunksTotal} ({Format.Percent(c.Progress)})");
        Row("π", Format.Pi(c.ResultPi));
        Row("standard error", Format.Error(c.StandardError));
        if (c.ConfidenceInterval95 is { } ci)
        {
            Row("95% interval", $"{Format.Pi(ci.Low)} … {Format.Pi(ci.High)}");
        }

        if (c.TargetError is { } target)
        {
            var verdict = c.TargetMet switch { true => " [green]met[/]", false => " [red]not met[/]", null => "" };
            Row("target error", $"{Format.Error(target)} (half-width {Format.Error(c.HalfWidth)}){verdict}");
        }

        if (c.Status is "pending" or "running")
        {
            Row("ETA", Format.Eta(c.EtaS));
        }

        Row("duration", Format.Seconds(c.DurationMs));
        if (c.DurationMs is > 0 && c.ResultTotal is { } total)
        {
            Row("throughput", $"{Format.Number(total / (c.DurationMs.Value / 1000), "0.###e0")} points/s");
        }

        Row("silos used", Markup.Escape(string.Join(", ", c.SilosUsed ?? [])));
        Row("chunk retries", c.ChunkRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("created", Format.Time(c.CreatedAt));
        Row("finished", Format.Time(c.FinishedAt));
        if (c.Error is { } error)
        {
            Row("error", $"[red]{Markup.Escape(error)}[/]");
        }

        console.Write(table);
    }

    /// <summary>Success for a completed or still running calculation, Failure for a failed or cancelled one.</summary>
    public static int ExitCode(Calculation c) => c.Status is "failed" or "cancelled" ? ExitCodes.Failure : ExitCodes.Success;
}
