using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>The objects one render of the chart produced, loaded strictly into KubernetesClient's typed models.</summary>
public sealed partial class RenderedChart
{
    /// <summary>The label that names an object's component (api, silo, redis, redis-backup, cluster).</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";

    private RenderedChart(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) => Objects = objects;

    /// <summary>Every object, in helm's order.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    /// <summary>The worker silo Deployment.</summary>
    public V1Deployment Silo => Component<V1Deployment>("silo");

    /// <summary>The front (Api) silo Deployment.</summary>
    public V1Deployment Api => Component<V1Deployment>("api");

    /// <summary>The Redis StatefulSet.</summary>
    public V1StatefulSet Redis => Component<V1StatefulSet>("redis");

    /// <summary>The ClusterIP Service clients reach Redis through (named like the StatefulSet; its governing Service is headless).</summary>
    public V1Service RedisService => Assert.Single(OfType<V1Service>(), s => s.Name() == Redis.Name());

    /// <summary>Both silo Deployments: front and workers.</summary>
    public IReadOnlyList<V1Deployment> SiloDeployments => [Api, Silo];

    /// <summary>The Redis backup CronJob, or null when backups are off.</summary>
    public V1CronJob? Backup => OfType<V1CronJob>().SingleOrDefault(o => o.Metadata.Labels.ValueOrNull(ComponentLabel) == "redis-backup");

    /// <summary>Every pod template with the name of its owner: Deployments, StatefulSets and the Jobs of CronJobs.</summary>
    public IEnumerable<(string Owner, V1PodTemplateSpec Template)> PodTemplates =>
        OfType<V1Deployment>().Select(d => (d.Name(), d.Spec.Template))
            .Concat(OfType<V1StatefulSet>().Select(s => (s.Name(), s.Spec.Template)))
            .Concat(OfType<V1CronJob>().Select(c => (c.Name(), c.Spec.JobTemplate.Spec.Template)));

    /// <summary>The custom resources (ServiceMonitor, ScaledObject) of one kind.</summary>
    public IEnumerable<CustomResource> CustomResources(string kind) => OfType<CustomResource>().Where(o => o.Kind == kind);

    /// <summary>
    /// Parses YAML one document at a time. A document of a custom resource in <see cref="CustomResource.Known"/> loads as a
    /// <see cref="CustomResource"/>; every other document goes through the typed models strictly, where any field the models do not
    /// know, or a kind they do not know, fails the load.
    /// </summary>
    public static RenderedChart Load(string yaml)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var document in DocumentSeparator().Split(yaml))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(document));
            if (stream.Documents.Count == 0)
            {
                continue; // only comments (helm's "# Source:" lines) or nothing
            }

            var root = Assert.Single(stream.Documents).RootNode as YamlMappingNode;
            if (root is not null && CustomResource.IsKnown(Scalar(root, "apiVersion"), Scalar(root, "kind")))
            {
                objects.Add(CustomResource.Load(root));
                continue;
            }

            objects.AddRange(KubernetesYaml.LoadAllFromString(document, typeMap: null, strict: true).Select(o => o as IKubernetesObject<V1ObjectMeta>
                ?? throw new InvalidOperationException($"{o.GetType().Name} has no object metadata")));
        }

        return new RenderedChart(objects);
    }

    /// <summary>The objects of one model type.</summary>
    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    /// <summary>The one object of a type whose component label is <paramref name="component"/>.</summary>
    public T Component<T>(string component)
        where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(OfType<T>(), o => o.Metadata.Labels.ValueOrNull(ComponentLabel) == component);

    /// <summary>The count of objects per kind, as "Kind=n" sorted by kind.</summary>
    public IReadOnlyList<string> CountsByKind() =>
        Objects.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}").ToList();

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    // A document marker at the start of a line ends a document (helm puts one before every "# Source:" comment).
    [GeneratedRegex(@"^---[ \t]*(?:#.*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
