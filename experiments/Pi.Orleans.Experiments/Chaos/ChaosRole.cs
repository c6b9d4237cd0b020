namespace Pi.Orleans.Experiments.Chaos;

/// <summary>What a process of the soak is.</summary>
public enum ChaosRole
{
    Redis,
    Api,
    Worker,
}
