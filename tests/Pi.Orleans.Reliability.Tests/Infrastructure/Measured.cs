using System.Globalization;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>Prints measured numbers as xUnit diagnostic messages (shown by the runner; see xunit.runner.json).</summary>
public static class Measured
{
    /// <summary>Sends one line, prefixed with the test's name.</summary>
    public static void Report(FormattableString line) =>
        TestContext.Current.SendDiagnosticMessage($"[{TestContext.Current.Test?.TestDisplayName}] {line.ToString(CultureInfo.InvariantCulture)}");
}
