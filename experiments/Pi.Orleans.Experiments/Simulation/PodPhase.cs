namespace Pi.Orleans.Experiments.Simulation;

/// <summary>A pod's phase as the HPA reads it.</summary>
public enum PodPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
}
