using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>
/// An object of a custom resource the KubernetesClient models do not know (a ServiceMonitor, a KEDA ScaledObject). Only the kinds in
/// <see cref="Known"/> load this way; anything else still goes through the strict typed loader. The top level may hold only apiVersion,
/// kind, metadata and spec; metadata loads strictly into <see cref="V1ObjectMeta"/>; spec is kept as JSON, with plain YAML scalars
/// typed (numbers, booleans, null) and quoted ones as strings, so tests can tell 1 from "1".
/// </summary>
public sealed partial class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The custom resources the chart may render, as "apiVersion/kind".</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "monitoring.coreos.com/v1/ServiceMonitor",
        "keda.sh/v1alpha1/ScaledObject",
    };

    private static readonly HashSet<string> TopLevelFields = ["apiVersion", "kind", "metadata", "spec"];

    private CustomResource(string apiVersion, string kind, V1ObjectMeta metadata, JsonObject spec) =>
        (ApiVersion, Kind, Metadata, Spec) = (apiVersion, kind, metadata, spec);

    public string ApiVersion { get; set; }

    public string Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; }

    /// <summary>The spec as JSON.</summary>
    public JsonObject Spec { get; }

    /// <summary>Whether "apiVersion/kind" is one of <see cref="Known"/>.</summary>
    public static bool IsKnown(string? apiVersion, string? kind) => Known.Contains($"{apiVersion}/{kind}");

    /// <summary>Loads one YAML document of a known custom resource; throws a <see cref="YamlException"/> on any other shape.</summary>
    public static CustomResource Load(YamlMappingNode root)
    {
        var apiVersion = Scalar(root, "apiVersion");
        var kind = Scalar(root, "kind");
        if (!IsKnown(apiVersion, kind))
        {
            throw new YamlException($"{apiVersion}/{kind} is not a known custom resource");
        }

        foreach (var key in root.Children.Keys)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!TopLevelFields.Contains(name))
            {
                throw new YamlException(key.Start, key.End, $"{kind} has a field '{name}' that a custom resource of this chart may not have");
            }
        }

        var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var meta)
            ? KubernetesYaml.Deserialize<V1ObjectMeta>(ToYaml(meta), strict: true)
            : throw new YamlException($"{kind} has no metadata");
        var spec = root.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode) && ToJson(specNode) is JsonObject o
            ? o
            : throw new YamlException($"{kind} has no spec mapping");
        return new CustomResource(apiVersion!, kind!, metadata, spec);
    }

    /// <summary>
    /// The node at a path below the object, e.g. "spec.triggers[0].metadata.url"; null when any step is missing.
    /// </summary>
    public JsonNode? At(string path)
    {
        var steps = path.Split('.');
        if (steps[0] != "spec")
        {
            throw new ArgumentException("paths start at spec", nameof(path));
        }

        JsonNode? node = Spec;
        foreach (var step in steps.Skip(1))
        {
            var match = StepPattern().Match(step);
            node = node is JsonObject obj ? obj[match.Groups["name"].Value] : null;
            foreach (Capture index in match.Groups["index"].Captures)
            {
                var i = int.Parse(index.Value, CultureInfo.InvariantCulture);
                node = node is JsonArray array && i < array.Count ? array[i] : null;
            }
        }

        return node;
    }

    /// <summary>The string at <paramref name="path"/>; fails the test when it is missing or not a string.</summary>
    public string Text(string path) =>
        At(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new Xunit.Sdk.XunitException($"{Kind}/{Metadata.Name}: {path} is not a string ({At(path)?.ToJsonString() ?? "missing"})");

    /// <summary>The integer at <paramref name="path"/>; fails the test when it is missing or not an integer.</summary>
    public long Integer(string path) =>
        At(path) is JsonValue v && v.TryGetValue<long>(out var n) ? n : throw new Xunit.Sdk.XunitException($"{Kind}/{Metadata.Name}: {path} is not an integer ({At(path)?.ToJsonString() ?? "missing"})");

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static string ToYaml(YamlNode node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    // YAML 1.2 core schema for plain scalars: null, booleans, integers and floats; everything else is a string.
    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ when FloatPattern().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value),
    };

    [GeneratedRegex(@"^(?<name>[^\[\]]+)(\[(?<index>[0-9]+)\])*$")]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
