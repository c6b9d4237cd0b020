namespace Pi.Orleans.Grains.Tests.Cluster;

/// <summary>Tests that share one three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PiTestCluster>
{
    /// <summary>The collection name.</summary>
    public const string Name = "three silos";
}
