using System.Text.Json.Nodes;

namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>An equality-based label selector ("a=b,c=d"); empty selects everything.</summary>
public sealed class LabelSelector
{
    private readonly KeyValuePair<string, string>[] _terms;

    private LabelSelector(KeyValuePair<string, string>[] terms) => _terms = terms;

    /// <summary>Parses the labelSelector query value.</summary>
    public static LabelSelector Parse(string? selector) => new(
        [.. (selector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(term => term.Split('=', 2))
            .Select(kv => KeyValuePair.Create(kv[0].TrimEnd('='), kv.Length > 1 ? kv[1].TrimStart('=') : ""))]);

    /// <summary>Whether an object's metadata.labels satisfy every term.</summary>
    public bool Matches(JsonNode item) =>
        _terms.All(t => item["metadata"]?["labels"]?[t.Key]?.GetValue<string>() == t.Value);
}
