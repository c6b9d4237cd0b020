using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Grains.Calculations;
using Pi.Orleans.Grains.Diagnostics;
using Pi.Orleans.Grains.Placement;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains;

/// <summary>Registers the π grains and their services on a silo.</summary>
public static class PiGrainsExtensions
{
    /// <summary>Adds the chunk slots, the slots service, the cluster readings (<see cref="IClusterReadings"/>) and the options; <paramref name="runsChunks"/> false keeps chunk grains off this silo.</summary>
    public static ISiloBuilder AddPiGrains(this ISiloBuilder builder, bool runsChunks = true)
    {
        builder.Services.AddOptions<PiOptions>()
            .BindConfiguration(PiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiOptions>, PiOptionsValidator>());
        builder.Services.PostConfigure<PiOptions>(o => o.RunsChunks &= runsChunks);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<ChunkSlots>();
        builder.Services.TryAddSingleton(sp => new SlotRate(sp.GetRequiredService<IOptions<PiOptions>>().Value.Kernel));
        builder.Services.TryAddSingleton<ChunkComputer>();
        builder.Services.TryAddSingleton<ISingleChunkCalculations, SingleChunkCalculations>();
        builder.Services.TryAddSingleton<CalculationGrains>();
        builder.Services.TryAddSingleton<PiInstruments>();
        builder.Services.TryAddSingleton<SlotsServiceClient>();
        builder.Services.TryAddSingleton<ClusterSlots>();
        builder.Services.TryAddSingleton<IClusterReadings>(sp => sp.GetRequiredService<ClusterSlots>());
        builder.AddGrainService<SlotsService>();
        builder.AddPlacementDirector<SlotAwarePlacement, SlotAwarePlacementDirector>();
        if (!runsChunks)
        {
            builder.Configure<GrainTypeOptions>(o => o.Classes.Remove(typeof(ChunkGrain)));
        }

        return builder;
    }
}
