namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>The tests that share one Kubernetes-hosted cluster, in <see cref="StepAttribute"/> order (the last ones delete and stop silos).</summary>
[CollectionDefinition(Name)]
[TestClassOrderer(typeof(StepOrderer))]
public sealed class KubernetesClusterCollection : ICollectionFixture<KubernetesClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "kubernetes cluster";
}
