using Orleans.Concurrency;

namespace Pi.Orleans;

/// <summary>Receives a calculation's progress as the grain pushes it.</summary>
[Alias("pi.IProgressObserver")]
public interface IProgressObserver : IGrainObserver
{
    /// <summary>The calculation made progress or changed status.</summary>
    [Alias("OnProgress"), OneWay]
    Task OnProgressAsync(CalculationProgress progress);
}
