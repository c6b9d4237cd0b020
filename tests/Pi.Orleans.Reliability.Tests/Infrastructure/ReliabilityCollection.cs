namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// The reliability tests share one <see cref="PiCluster"/> and run one after another (one collection; xunit.runner.json also
/// turns collection parallelism off): real processes on a 2-core machine, each test with the whole cluster to itself.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<PiCluster>
{
    /// <summary>The collection name.</summary>
    public const string Name = "reliability cluster";
}
