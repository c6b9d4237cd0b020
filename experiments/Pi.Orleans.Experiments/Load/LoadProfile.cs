namespace Pi.Orleans.Experiments.Load;

/// <summary>One way to load the Api; <see cref="LoadGenerator"/> runs it and tallies every answer.</summary>
public abstract record LoadProfile
{
    /// <summary>The profile's name in reports: closed, mix, steps or chaos.</summary>
    public abstract string Name { get; }

    /// <summary>The parameters in one line, for reports.</summary>
    public abstract string Describe();

    /// <summary>Sends the load through <paramref name="driver"/> until the profile ends or <paramref name="cancellationToken"/> stops it.</summary>
    internal abstract Task DriveAsync(LoadDriver driver, CancellationToken cancellationToken);
}
