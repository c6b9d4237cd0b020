using Spectre.Console;

namespace Pi.Orleans.Cli.Tests.Infrastructure;

/// <summary>A plain, wide, non-interactive Spectre console writing into a string, and ways to run the CLI with it.</summary>
internal sealed class CapturedConsole
{
    private readonly StringWriter _writer = new();

    public CapturedConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 240;
    }

    public IAnsiConsole Console { get; }

    public string Text => _writer.ToString();

    /// <summary>Runs `pi args…` in this process and returns its exit code and output (errors included).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new CapturedConsole();
        var code = await CliApp.RunAsync(args, console.Console, TestContext.Current.CancellationToken);
        return (code, console.Text);
    }

    /// <summary>Runs `pi args…` with standard output and standard error apart, as a script piping `--json` into jq sees them.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunApartAsync(params string[] args)
    {
        var (output, errors) = (new CapturedConsole(), new CapturedConsole());
        var code = await CliApp.RunAsync(args, output.Console, errors.Console, TestContext.Current.CancellationToken);
        return (code, output.Text, errors.Text);
    }
}
