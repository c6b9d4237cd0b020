using Pi.Orleans.Cli.Experiments;
using Pi.Orleans.Client;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>Runs a command's body and turns the expected failures into a clear message and exit code 1 (130 when interrupted).</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(IAnsiConsole console, string api, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (ApiException e)
        {
            console.MarkupLine($"[red]Error {e.StatusCode}: {Markup.Escape(e.Title)}[/]");
            if (e.Detail is { } detail)
            {
                console.MarkupLine(Markup.Escape(detail));
            }

            foreach (var (field, messages) in e.Errors)
            {
                console.MarkupLine($"  [yellow]{Markup.Escape(field)}[/]: {Markup.Escape(string.Join(" ", messages))}");
            }

            if (e.StatusCode is 401 or 403)
            {
                console.MarkupLine($"This API requires a key: pass --api-key or set {ApiOption.KeyVariable}.");
            }
        }
        catch (HttpRequestException e)
        {
            console.MarkupLine($"[red]Cannot reach the API at {Markup.Escape(api)}:[/] {Markup.Escape(e.Message)}");
            console.MarkupLine("Start it (dotnet run --project Api) or point --api / PI_API at it.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Interrupted.[/]");
            return 130;
        }
        catch (TaskCanceledException)
        {
            console.MarkupLine($"[red]The API at {Markup.Escape(api)} did not answer in time.[/]");
        }
        catch (Exception e) when (e is ExperimentException or HostProcessException or ArgumentException or FormatException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        }

        return 1;
    }
}
