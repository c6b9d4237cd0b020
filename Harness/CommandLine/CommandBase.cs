using System.CommandLine;
using Pi.Orleans.Client;
using Spectre.Console;

namespace Pi.Orleans.Harness.CommandLine;

/// <summary>
/// A command whose action is <see cref="ExecuteAsync"/>: the expected failures become one clear message and a named
/// exit code (<see cref="ExitCodes"/>); anything else is a bug and keeps its stack trace.
/// </summary>
public abstract class CommandBase : Command
{
    protected CommandBase(string name, string description, IAnsiConsole console, ApiOption api)
        : base(name, description)
    {
        Console = console;
        Api = api;
        SetAction(RunAsync);
    }

    protected IAnsiConsole Console { get; }

    protected ApiOption Api { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken);

    /// <summary>Where failures are written; `pi --json` moves them off standard output, which then holds only the JSON.</summary>
    protected virtual IAnsiConsole ErrorConsole(ParseResult parse) => Console;

    /// <summary>The API named in the "cannot reach" message.</summary>
    protected virtual string ApiUrl(ParseResult parse) => Api.UrlOf(parse);

    /// <summary>Failures of this command's own kind (such as an experiment that cannot run) that, as a <see cref="HarnessException"/>, exit with <see cref="ExitCodes.Failure"/> and their message only.</summary>
    protected virtual bool IsExpectedFailure(Exception exception) => false;

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var errors = ErrorConsole(parse);
        try
        {
            return await ExecuteAsync(parse, cancellationToken);
        }
        catch (ApiException e)
        {
            WriteProblem(errors, e);
            return ExitCodes.ApiError;
        }
        catch (HttpRequestException e)
        {
            errors.MarkupLine($"[red]Cannot reach the API at {Markup.Escape(ApiUrl(parse))}:[/] {Markup.Escape(e.Message)}");
            errors.MarkupLine("Start it (dotnet run --project Api) or point --api / PI_API at it.");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.MarkupLine("[yellow]Interrupted.[/]");
            return ExitCodes.Interrupted;
        }
        catch (TaskCanceledException)
        {
            // Not the user's token: HttpClient's own timeout.
            errors.MarkupLine($"[red]The API at {Markup.Escape(ApiUrl(parse))} did not answer in time.[/]");
            return ExitCodes.Timeout;
        }
        catch (TimeoutException e)
        {
            errors.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Timeout;
        }
        catch (HostProcessException e)
        {
            errors.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.HostFailed;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            errors.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.InvalidArguments;
        }
        catch (Exception e) when (e is HarnessException || IsExpectedFailure(e))
        {
            errors.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Failure;
        }
    }

    private static void WriteProblem(IAnsiConsole errors, ApiException e)
    {
        errors.MarkupLine($"[red]Error {e.StatusCode}: {Markup.Escape(e.Title)}[/]");
        if (e.Detail is { } detail)
        {
            errors.MarkupLine(Markup.Escape(detail));
        }

        foreach (var (field, messages) in e.Errors)
        {
            errors.MarkupLine($"  [yellow]{Markup.Escape(field)}[/]: {Markup.Escape(string.Join(" ", messages))}");
        }

        if (e.StatusCode is 401 or 403)
        {
            errors.MarkupLine($"This API requires a key: pass --api-key or set {ApiOption.KeyVariable}.");
        }
    }
}
