using Pi.Orleans.Contracts;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>Calculations as one table row each.</summary>
internal static class CalculationListView
{
    public static void Render(IAnsiConsole console, IReadOnlyList<Calculation> calculations)
    {
        if (calculations.Count == 0)
        {
            console.MarkupLine("[grey]No calculations.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("id", "status", "mode", "points", "progress", "π", "± SE", "duration", "silos", "created");
        foreach (var c in calculations)
        {
            table.AddRow(
                new Text(c.Id.ToString()),
                new Markup(Format.StatusMarkup(c.Status)),
                new Text(c.Mode),
                new Text(PointCount.Format(c.TotalPoints)),
                new Text(Format.Percent(c.Progress)),
                new Text(Format.Pi(c.ResultPi)),
                new Text(Format.Error(c.StandardError)),
                new Text(Format.Seconds(c.DurationMs)),
                new Text((c.SilosUsed?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Format.Time(c.CreatedAt)));
        }

        console.Write(table);
    }
}
