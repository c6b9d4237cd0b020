namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One step of a load script: submit <paramref name="Count"/> distributed calculations of <paramref name="Points"/> points, one every
/// <paramref name="EverySeconds"/> s (seeds Seed, Seed + SeedStep, …), optionally wait for them to finish, then stay idle for <paramref name="Seconds"/> s.
/// </summary>
public sealed record LoadStep(string Phase, int Count, long Points, ulong Seed, ulong SeedStep, double EverySeconds, bool Wait, double Seconds)
{
    /// <summary>The seed of the step's <paramref name="index"/>-th calculation.</summary>
    public ulong SeedOf(int index) => Seed + (SeedStep * (ulong)index);
}
