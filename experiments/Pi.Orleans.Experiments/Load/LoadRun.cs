namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// A load run in progress: what it has recorded and accepted so far (for an experiment's monitor, e.g. the chaos soak's
/// running count or the autoscale sampler's calculations), and its result once the profile ends.
/// </summary>
public sealed class LoadRun
{
    private readonly LoadDriver _driver;

    internal LoadRun(LoadDriver driver, Task<LoadResult> result) => (_driver, Result) = (driver, result);

    /// <summary>The result: complete when the profile ends or the run is cancelled.</summary>
    public Task<LoadResult> Result { get; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _driver.Elapsed;

    /// <summary>The accepted calculations so far, with their latest known state.</summary>
    public IReadOnlyList<TrackedCalculation> Calculations => _driver.Calculations;

    /// <summary>Accepted calculations not yet seen final.</summary>
    public int Running => _driver.Running;

    /// <summary>The requests recorded so far.</summary>
    public IReadOnlyList<RequestRecord> Requests => _driver.Records;

    /// <summary>The phase of the step being sent (a steps profile); null when the profile has none.</summary>
    public string? Phase => _driver.Phase;

    /// <summary>
    /// Reads the accepted calculations not yet final once, also after the profile ended (an experiment waiting for its load to
    /// settle); <see cref="Calculations"/> shows what it read, the result's requests do not.
    /// </summary>
    public Task ReadRunningAsync(CancellationToken cancellationToken = default) => _driver.ReadRunningAsync(cancellationToken);
}
