using System.Text;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>A TextWriter onto the console, for progress lines written as they come.</summary>
internal sealed class ConsoleLog(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    // Straight to the writer: Spectre would wrap long lines at the terminal width.
    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value ?? "");

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);
}
