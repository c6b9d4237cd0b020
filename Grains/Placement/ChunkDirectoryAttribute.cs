using Orleans.Metadata;

namespace Pi.Orleans.Grains.Placement;

/// <summary>
/// Puts a grain type in the <see cref="ChunkDirectory"/> where the host registered one, and in the default directory
/// otherwise; <c>[GrainDirectory]</c> names one directory unconditionally, and an unregistered name fails every call.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class ChunkDirectoryAttribute : Attribute, IGrainPropertiesProviderAttribute
{
    public void Populate(IServiceProvider services, Type grainClass, GrainType grainType, Dictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(properties);
        if (services.GetService(typeof(ChunkDirectory)) is not null)
        {
            properties[WellKnownGrainTypeProperties.GrainDirectory] = ChunkDirectory.Name;
        }
    }
}
