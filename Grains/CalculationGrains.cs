namespace Pi.Orleans.Grains;

/// <summary>
/// References to the calculation grains and index partitions without Orleans' per-call lookup: <c>GetGrain&lt;T&gt;(key)</c> reads
/// the interface's attributes by reflection on every call, measured at 6-8 % of a small request's CPU (docs/performance.md). The
/// grain and interface types are looked up once; the partitions' references are made once.
/// </summary>
public sealed class CalculationGrains
{
    private readonly IGrainFactory _factory;
    private readonly GrainType _calculationType;
    private readonly GrainInterfaceType _calculationInterface;
    private readonly ICalculationIndexGrain[] _partitions;

    public CalculationGrains(IGrainFactory factory)
    {
        _factory = factory;
        var sample = (GrainReference)factory.GetGrain<ICalculationGrain>(Guid.Empty);
        _calculationType = sample.GrainId.Type;
        _calculationInterface = sample.InterfaceType;
        _partitions = [.. Enumerable.Range(0, CalculationIndex.Partitions).Select(p => factory.GetGrain<ICalculationIndexGrain>(p))];
    }

    /// <summary>The id of calculation <paramref name="id"/>'s grain.</summary>
    public GrainId IdOf(Guid id) => GrainId.Create(_calculationType, GrainIdKeyExtensions.CreateGuidKey(id));

    /// <summary>Calculation <paramref name="id"/>'s grain.</summary>
    public ICalculationGrain Calculation(Guid id) => (ICalculationGrain)_factory.GetGrain(IdOf(id), _calculationInterface);

    /// <summary>The index partition of <paramref name="client"/>'s calculations.</summary>
    public ICalculationIndexGrain PartitionOf(string? client) => _partitions[CalculationIndex.PartitionOf(client)];

    /// <summary>Every index partition, in key order.</summary>
    public IReadOnlyList<ICalculationIndexGrain> Partitions => _partitions;
}
