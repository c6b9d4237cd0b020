namespace Pi.Orleans.Experiments.Bench;

/// <summary>Signals through kill(1), as the scripts sent them.</summary>
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

    /// <summary>kill -<paramref name="signal"/> to every pid given; never throws (some may be gone).</summary>
    public static async Task SendAsync(string signal, IEnumerable<int> pids)
    {
        string[] arguments = [$"-{signal}", .. pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (arguments.Length == 1)
        {
            return;
        }

        try
        {
            await Tool.RunAsync("kill", arguments, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // kill exits 1 when any pid is gone; it has still signalled the others.
        }
    }
}
