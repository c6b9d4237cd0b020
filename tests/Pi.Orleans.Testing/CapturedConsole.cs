using Spectre.Console;
using Xunit;

namespace Pi.Orleans.Testing;

/// <summary>A plain, wide, non-interactive Spectre console writing into a string, for running `pi` and the lab in a test's process.</summary>
public sealed class CapturedConsole
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

    /// <summary>Runs a command-line app (`pi`'s or the lab's RunAsync) with a captured console and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(Func<string[], IAnsiConsole, CancellationToken, Task<int>> app, string[] args)
    {
        var console = new CapturedConsole();
        var code = await app(args, console.Console, TestContext.Current.CancellationToken);
        return (code, console.Text);
    }
}
