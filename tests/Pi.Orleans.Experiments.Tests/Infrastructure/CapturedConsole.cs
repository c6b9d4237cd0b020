using Spectre.Console;

namespace Pi.Orleans.Experiments.Tests.Infrastructure;

/// <summary>A plain, wide, non-interactive Spectre console writing into a string, and a way to run the experiments with it.</summary>
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

    /// <summary>Runs `dotnet run --project experiments/Pi.Orleans.Experiments -- args…` in this process and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new CapturedConsole();
        var code = await ExperimentsApp.RunAsync(args, console.Console, TestContext.Current.CancellationToken);
        return (code, console.Text);
    }
}
