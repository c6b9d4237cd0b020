using Orleans.Runtime.Services;

namespace Pi.Orleans.Grains.Slots;

/// <summary>Reaches the <see cref="ISlotsService"/> of a given silo.</summary>
internal sealed class SlotsServiceClient(IServiceProvider serviceProvider) : GrainServiceClient<ISlotsService>(serviceProvider)
{
    /// <summary>The slots service of <paramref name="silo"/>.</summary>
    public ISlotsService On(SiloAddress silo) => GetGrainService(silo);
}
