using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>A live progress bar for one calculation: estimate ± SE, the ETA and the silos working, from the events stream or by polling.</summary>
internal sealed class CalculationWatcher(IAnsiConsole console, PiApiClient api)
{
    public async Task<Calculation> WatchAsync(Calculation start, CancellationToken cancellationToken)
    {
        Calculation? final = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(ProgressUpdate.From(start)), maxValue: 100);
                var follower = new CalculationFollower(api);
                final = await follower.FollowAsync(start, update =>
                {
                    task.Value = Math.Clamp(update.Progress * 100, 0, 100);
                    task.Description = Describe(update);
                }, cancellationToken);
                task.Value = final.Status == "completed" ? 100 : task.Value;
                task.Description = Describe(ProgressUpdate.From(final)) + (follower.UsedEvents ? "" : " [grey](polled)[/]");
                task.StopTask();
            });
        return final!;
    }

    /// <summary>The text of the bar: status, chunks, the estimate ± SE, the ETA while it runs and the silos.</summary>
    internal static string Describe(ProgressUpdate u)
    {
        var text = $"{Format.StatusMarkup(u.Status)} {u.ChunksDone}/{u.ChunksTotal} chunks";
        if (u.Estimate is { } pi)
        {
            text += $" · π ≈ {Format.Pi(pi)} ± {Format.Error(u.StandardError)}";
        }

        if (u.Status is "pending" or "running")
        {
            text += $" · ETA {Format.Eta(u.EtaS)}";
        }

        if (u.SilosWorking is { Count: > 0 } working)
        {
            text += $" · working: {Markup.Escape(string.Join(", ", working))}";
        }
        else if (u.SilosUsed is { Count: > 0 } used)
        {
            text += $" · silos: {Markup.Escape(string.Join(", ", used))}";
        }

        return text;
    }
}
