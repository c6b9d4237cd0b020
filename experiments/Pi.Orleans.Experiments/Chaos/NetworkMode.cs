namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Where the soak's processes live: a network namespace each when possible (Auto), always, or all on loopback.</summary>
public enum NetworkMode
{
    Auto,
    Namespaces,
    Loopback,
}
