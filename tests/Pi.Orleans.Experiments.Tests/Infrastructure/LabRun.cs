
namespace Pi.Orleans.Experiments.Tests.Infrastructure;

/// <summary>Runs the lab in this process with a captured console.</summary>
internal static class LabRun
{
    /// <summary>Runs `dotnet run --project experiments/Pi.Orleans.Experiments -- args…` in this process and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        return await CapturedConsole.RunAsync(ExperimentsApp.RunAsync, args);
    }
}
