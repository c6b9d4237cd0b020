using Pi.Orleans.Contracts;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>The silos with their slots, and the slot totals of the chunk-running ones.</summary>
internal static class ClusterView
{
    public static void Render(IAnsiConsole console, ClusterInfo cluster)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Silos")
            .AddColumns("name", "address", "status", "runs chunks", "slots used/total", "queued", "chunks done");
        foreach (var s in cluster.Silos)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                Markup.Escape(s.Address),
                Markup.Escape(s.Status),
                s.RunsChunks ? "[green]yes[/]" : "[grey]no[/]",
                $"{s.SlotsUsed}/{s.SlotsTotal}",
                s.SlotsQueued.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Count(s.ChunksCompleted));
        }

        console.Write(table);
        console.MarkupLine($"Slots: [bold]{cluster.SlotsUsed}[/] used of {cluster.SlotsTotal}, {cluster.SlotsQueued} queued.");
    }
}
