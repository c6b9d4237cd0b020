namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>The chart's values files.</summary>
public static class ValuesFiles
{
    /// <summary>The defaults: a single-node k3s.</summary>
    public const string Default = "values.yaml";

    /// <summary>A single-node k3s, stated explicitly.</summary>
    public const string K3s = "values-k3s.yaml";

    /// <summary>k3s with Redis pinned to the role=database node.</summary>
    public const string K3sMultinode = "values-k3s-multinode.yaml";

    /// <summary>Production: Ingress, larger resources, HPA on CPU and memory.</summary>
    public const string Production = "values-production.yaml";

    /// <summary>
    /// What an install with <paramref name="valuesFile"/> must bring (manifests/README.md, "Production values"), as helm arguments: the
    /// registry, and a cluster that serves the ServiceMonitor API.
    /// </summary>
    public static string[] Prerequisites(string valuesFile) => valuesFile == Production
        ? ["--set", "image.registry=registry.test/", "--api-versions", "monitoring.coreos.com/v1/ServiceMonitor"]
        : [];

    /// <summary>The part of <see cref="Prerequisites"/> that `helm lint` takes (it has no --api-versions).</summary>
    public static string[] LintPrerequisites(string valuesFile) => valuesFile == Production ? ["--set", "image.registry=registry.test/"] : [];

    /// <summary>Every values file, for theories.</summary>
    public static TheoryData<string> All => [Default, K3s, K3sMultinode, Production];
}
