using Orleans.Runtime.Placement;

namespace Pi.Orleans.Grains.Placement;

/// <summary>Honours the caller's target silo when it is compatible; otherwise picks a compatible silo at random.</summary>
internal sealed class SlotAwarePlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (target.RequestContextData?.GetValueOrDefault(TargetSilo.Key) is string wanted)
        {
            foreach (var silo in compatible)
            {
                if (silo.ToParsableString() == wanted)
                {
                    return Task.FromResult(silo);
                }
            }
        }

        return Task.FromResult(compatible[Random.Shared.Next(compatible.Length)]);
    }
}
