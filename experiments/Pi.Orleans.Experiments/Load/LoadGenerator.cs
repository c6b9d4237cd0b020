using System.Diagnostics;
using Pi.Orleans.Client;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// The one load generator of the lab: runs a <see cref="LoadProfile"/> against the Api through <see cref="PiApiClient"/> and
/// returns every answer by status code, the latencies and the accepted calculations. Cancelling a run returns what it got so far.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly PiApiClient _api;

    /// <summary>A generator for the Api at <paramref name="api"/>, with a key if the Api needs one.</summary>
    public LoadGenerator(Uri api, string? apiKey = null, TimeSpan? requestTimeout = null, int maxConnections = 1024)
    {
        var sockets = new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(new StatusCapture(sockets)) { BaseAddress = api, Timeout = requestTimeout ?? TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _api = new PiApiClient(http);
    }

    /// <summary>Runs <paramref name="profile"/> to its end, or until <paramref name="cancellationToken"/>.</summary>
    public Task<LoadResult> RunAsync(LoadProfile profile, CancellationToken cancellationToken = default) => Start(profile, cancellationToken).Result;

    /// <summary>Starts <paramref name="profile"/> and returns at once: the run shows what it got so far while it goes.</summary>
    public LoadRun Start(LoadProfile profile, CancellationToken cancellationToken = default) => Start(profile, Stopwatch.StartNew(), cancellationToken);

    /// <summary>As <see cref="Start(LoadProfile, CancellationToken)"/>, with every time on <paramref name="clock"/> (an experiment's own).</summary>
    public LoadRun Start(LoadProfile profile, Stopwatch clock, CancellationToken cancellationToken = default)
    {
        var driver = new LoadDriver(_api, clock);
        return new LoadRun(driver, Task.Run(() => DriveAsync(profile, driver, cancellationToken), CancellationToken.None));
    }

    private static async Task<LoadResult> DriveAsync(LoadProfile profile, LoadDriver driver, CancellationToken cancellationToken)
    {
        var cancelled = false;
        try
        {
            await profile.DriveAsync(driver, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        driver.StopMeasuring();
        return new LoadResult(profile.Name, profile.Describe(), driver.Measured, driver.Records, driver.Calculations, driver.Overdue, cancelled);
    }

    public void Dispose() => _api.Dispose();
}
