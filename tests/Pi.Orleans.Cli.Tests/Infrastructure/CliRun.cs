
namespace Pi.Orleans.Cli.Tests.Infrastructure;

/// <summary>Runs `pi` in this process with captured consoles.</summary>
internal static class CliRun
{
    /// <summary>Runs `pi args…` in this process and returns its exit code and output (errors included).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        return await CapturedConsole.RunAsync(CliApp.RunAsync, args);
    }

    /// <summary>Runs `pi args…` with standard output and standard error apart, as a script piping `--json` into jq sees them.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunApartAsync(params string[] args)
    {
        var (output, errors) = (new CapturedConsole(), new CapturedConsole());
        var code = await CliApp.RunAsync(args, output.Console, errors.Console, TestContext.Current.CancellationToken);
        return (code, output.Text, errors.Text);
    }
}
