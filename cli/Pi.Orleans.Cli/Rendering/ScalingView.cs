using Pi.Orleans.Contracts;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>The backlog signal of /api/scaling, or a note when the API has none.</summary>
internal static class ScalingView
{
    public static void Render(IAnsiConsole console, ScalingInfo? scaling)
    {
        if (scaling is null)
        {
            console.MarkupLine("[grey]Scaling signal: not offered by this API (/api/scaling answered 404).[/]");
            return;
        }

        console.MarkupLine(
            $"Scaling signal: [bold]{scaling.DesiredWorkers}[/] workers wanted ({scaling.SlotsUsed} busy + {scaling.SlotsQueued} queued slots, "
            + $"{scaling.SlotsPerWorker} per worker; {Format.Count(scaling.PendingChunks)} chunks pending).");
    }
}
