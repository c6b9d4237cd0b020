using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>manifests/monitoring/grafana-dashboard.json, parsed, with its panels' and variables' PromQL.</summary>
public static partial class GrafanaDashboard
{
    /// <summary>The dashboard file.</summary>
    public static string Path { get; } = System.IO.Path.Combine(RepositoryPaths.Root, "manifests", "monitoring", "grafana-dashboard.json");

    /// <summary>The dashboard JSON.</summary>
    public static JsonObject Load() => JsonNode.Parse(File.ReadAllText(Path))!.AsObject();

    /// <summary>Every panel (rows included, with the panels nested in collapsed rows).</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(p => p!.AsObject())
            .SelectMany(p => (p["panels"] as JsonArray ?? []).Select(n => n!.AsObject()).Prepend(p));

    /// <summary>(panel title, expression) for every target of every panel.</summary>
    public static IEnumerable<(string Panel, string Expr)> PanelExpressions(JsonObject dashboard) =>
        Panels(dashboard).SelectMany(p => (p["targets"] as JsonArray ?? []).Select(t =>
            (p["title"]?.GetValue<string>() ?? "?", t?["expr"]?.GetValue<string>() ?? "")));

    /// <summary>(variable name, query) of every query variable; label_values(selector, label) as Grafana writes it.</summary>
    public static IEnumerable<(string Name, string Query)> VariableQueries(JsonObject dashboard) =>
        (dashboard["templating"]?["list"] as JsonArray ?? []).Select(v => v!.AsObject())
            .Where(v => v["type"]?.GetValue<string>() == "query")
            .Select(v => (v["name"]!.GetValue<string>(), v["query"] is JsonObject q ? q["query"]!.GetValue<string>() : v["query"]!.GetValue<string>()));

    /// <summary>
    /// The metric names of an expression: words followed by a selector, a range, a comma or a closing parenthesis, minus PromQL's
    /// own words and the label names this dashboard groups by.
    /// </summary>
    public static IEnumerable<string> MetricNames(string expr) =>
        MetricNamePattern().Matches(Strings().Replace(expr, "\"\"")).Select(m => m.Groups["name"].Value)
            .Where(n => !PromQlWords.Contains(n)).Distinct(StringComparer.Ordinal);

    /// <summary>Every pi_orleans_* and microsoft_orleans_* name a text mentions, wherever it stands.</summary>
    public static IEnumerable<string> OurMetricNames(string text) =>
        OurMetricNamePattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    /// <summary>A Grafana query made runnable by Prometheus: variables replaced, label_values(x, l) as count by (l) (x).</summary>
    public static string Runnable(string query, IReadOnlyDictionary<string, string> variables)
    {
        var label = LabelValues().Match(query);
        if (label.Success)
        {
            query = $"count by ({label.Groups["label"].Value}) ({label.Groups["selector"].Value})";
        }

        foreach (var (name, value) in variables.OrderByDescending(v => v.Key.Length))
        {
            query = query.Replace("$" + name, value, StringComparison.Ordinal);
        }

        return query;
    }

    // Functions, aggregations and keywords that can stand before "(" in an expression.
    private static readonly HashSet<string> PromQlWords =
    [
        "sum", "max", "min", "avg", "count", "by", "without", "rate", "increase", "irate", "histogram_quantile", "label_values", "on",
        "ignoring", "group_left", "group_right", "topk", "bottomk", "quantile", "abs", "clamp_min", "clamp_max", "delta", "deriv",
        "vector", "scalar", "time", "and", "or", "unless", "offset", "le", "pod", "status", "grain_type", "namespace", "job",
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_:$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=[{\[),])")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex(@"\b(pi_orleans|microsoft_orleans)_[a-zA-Z0-9_]+")]
    private static partial Regex OurMetricNamePattern();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"^\s*label_values\((?<selector>.+),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();
}
