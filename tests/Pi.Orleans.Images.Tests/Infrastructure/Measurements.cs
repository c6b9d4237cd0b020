using System.Globalization;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// Where the test's measurements go: the test output as diagnostic messages, and, when PI_IMAGES_REPORT names a file (the
/// measure script sets it), appended there with the time, so the numbers in docs/performance.md can be taken again with one command.
/// </summary>
public static class Measurements
{
    private static readonly Lock Gate = new();

    /// <summary>Reports one line, prefixed with the test's name.</summary>
    public static void Report(FormattableString line)
    {
        var text = $"[{TestContext.Current.Test?.TestDisplayName ?? "setup"}] {line.ToString(CultureInfo.InvariantCulture)}";
        TestContext.Current.SendDiagnosticMessage(text);
        if (Environment.GetEnvironmentVariable("PI_IMAGES_REPORT") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, $"{DateTime.UtcNow:HH:mm:ss}Z {text}\n");
            }
        }
    }
}
