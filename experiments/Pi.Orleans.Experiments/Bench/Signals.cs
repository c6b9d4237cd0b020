namespace Pi.Orleans.Experiments.Bench;

/// <summary>SIGSTOP and SIGCONT through kill(1), as the scripts sent them.</summary>
public static class Signals
{
    public static Task StopAsync(int pid, CancellationToken cancellationToken) => Tool.RunAsync("kill", ["-STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);

    /// <summary>SIGCONT; never throws (the process may be gone).</summary>
    public static async Task ContinueAsync(int pid)
    {
        try
        {
            await Tool.RunAsync("kill", ["-CONT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }
}
