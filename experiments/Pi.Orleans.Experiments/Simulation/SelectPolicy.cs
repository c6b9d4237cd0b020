namespace Pi.Orleans.Experiments.Simulation;

/// <summary>Which policy wins: the one allowing the largest change (Max, the default), the smallest (Min), or none (Disabled).</summary>
public enum SelectPolicy
{
    Max,
    Min,
    Disabled,
}
