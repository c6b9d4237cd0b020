using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// A container's environment as the kubelet would give it: envFrom first, then env in order, ConfigMap and Secret values resolved
/// from the render, the downward API's fields from the pod the container stands for, and $(NAME) references expanded with the
/// variables defined before them. Service links and KUBERNETES_SERVICE_HOST are not given: outside a cluster the silos must keep
/// the Kubernetes hosting off, as the code guards it.
/// </summary>
public static partial class PodEnvironment
{
    /// <summary>Name → value, in the order the kubelet defines them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(RenderedChart chart, V1PodTemplateSpec template, V1Container container, string podName, string podNamespace, string podIp)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Define(string name, string value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            var data = source.ConfigMapRef is { } c ? ConfigMap(chart, c.Name)
                : source.SecretRef is { } s ? Secret(chart, s.Name)
                : throw new NotSupportedException("envFrom without configMapRef or secretRef");
            foreach (var (name, value) in data)
            {
                Define((source.Prefix ?? "") + name, value);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom switch
            {
                null => Expand(variable.Value ?? "", values),
                { ConfigMapKeyRef: { } c } => ConfigMap(chart, c.Name)[c.Key],
                { SecretKeyRef: { } s } => Secret(chart, s.Name)[s.Key],
                { FieldRef: { } f } => Field(f.FieldPath, template, podName, podNamespace, podIp),
                _ => throw new NotSupportedException($"{variable.Name}: only values, configMapKeyRef, secretKeyRef and fieldRef are mapped"),
            };
            Define(variable.Name, value);
        }

        return [.. order.Select(n => KeyValuePair.Create(n, values[n]))];
    }

    private static IReadOnlyDictionary<string, string> ConfigMap(RenderedChart chart, string name) =>
        (IReadOnlyDictionary<string, string>?)chart.OfType<V1ConfigMap>().Single(m => m.Name() == name).Data?.AsReadOnly() ?? new Dictionary<string, string>();

    private static Dictionary<string, string> Secret(RenderedChart chart, string name)
    {
        var secret = chart.OfType<V1Secret>().Single(s => s.Name() == name);
        var data = (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(p.Value), StringComparer.Ordinal);
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return data;
    }

    private static string Field(string path, V1PodTemplateSpec template, string podName, string podNamespace, string podIp)
    {
        if (LabelField().Match(path) is { Success: true } label)
        {
            return template.Metadata.Labels[label.Groups[1].Value];
        }

        return path switch
        {
            "metadata.name" => podName,
            "metadata.namespace" => podNamespace,
            "status.podIP" => podIp,
            _ => throw new NotSupportedException($"fieldRef {path} is not mapped to a container fact"),
        };
    }

    // The kubelet's rule: $(NAME) of a variable defined earlier becomes its value; an unknown reference stays as written.
    private static string Expand(string value, Dictionary<string, string> defined) =>
        Reference().Replace(value, m => defined.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^metadata\.labels\['([^']+)'\]$")]
    private static partial Regex LabelField();
}
