using Orleans.Concurrency;

namespace Pi.Orleans;

/// <summary>Owns one calculation: splits it into chunks, fans them out, aggregates and persists the result.</summary>
[Alias("pi.ICalculationGrain")]
public interface ICalculationGrain : IGrainWithGuidKey
{
    /// <summary>Accepts the request and starts computing; a repeated start with the same request is a no-op.</summary>
    [Alias("Start")]
    Task<CalculationSnapshot> StartAsync(CalculationRequest request);

    /// <summary>The current state, or null when no calculation has this id.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<CalculationSnapshot?> GetAsync();

    /// <summary>Waits up to <paramref name="maxWait"/> for the calculation to finish, then returns its state.</summary>
    [Alias("Wait"), AlwaysInterleave]
    Task<CalculationSnapshot?> WaitAsync(TimeSpan maxWait);

    /// <summary>Pushes progress to <paramref name="observer"/> until it unsubscribes or stops renewing (call again within 30 s); returns the progress now, or null when unknown.</summary>
    [Alias("Subscribe"), AlwaysInterleave]
    Task<CalculationProgress?> SubscribeAsync(IProgressObserver observer);

    /// <summary>Stops pushing progress to <paramref name="observer"/>.</summary>
    [Alias("Unsubscribe"), AlwaysInterleave]
    Task UnsubscribeAsync(IProgressObserver observer);

    /// <summary>Cancels a pending or running calculation; returns the state afterwards, or null when unknown.</summary>
    [Alias("Cancel")]
    Task<CalculationSnapshot?> CancelAsync();
}
