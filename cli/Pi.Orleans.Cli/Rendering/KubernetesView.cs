using System.Text.Json;
using Spectre.Console;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>
/// The Kubernetes half of /api/k8s/status, read loosely (any scalar field of a pod becomes a column, any HPA field a row) so that
/// fields added later show up too; a 404 or `available: false` is said plainly.
/// </summary>
internal static class KubernetesView
{
    public static void Render(IAnsiConsole console, JsonElement? status)
    {
        if (status is not { ValueKind: JsonValueKind.Object } root)
        {
            console.MarkupLine("[grey]Kubernetes: not offered by this API (/api/k8s/status answered 404).[/]");
            return;
        }

        if (!root.TryGetProperty("kubernetes", out var k8s) || k8s.ValueKind != JsonValueKind.Object)
        {
            console.MarkupLine("[grey]Kubernetes: the status has no kubernetes part.[/]");
            return;
        }

        if (!(k8s.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.True))
        {
            var reason = k8s.TryGetProperty("reason", out var r) ? r.ToString() : "no reason given";
            console.MarkupLine($"[grey]Kubernetes: not available ({Markup.Escape(reason)}).[/]");
            return;
        }

        if (k8s.TryGetProperty("pods", out var pods) && pods.ValueKind == JsonValueKind.Array)
        {
            console.Write(ObjectTable("Pods", [.. pods.EnumerateArray()]));
        }

        if (k8s.TryGetProperty("hpa", out var hpa) && hpa.ValueKind == JsonValueKind.Object)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("HPA").HideHeaders().AddColumns("field", "value");
            foreach (var p in hpa.EnumerateObject())
            {
                table.AddRow(new Markup($"[grey]{Markup.Escape(p.Name)}[/]"), new Text(Show(p.Value)));
            }

            console.Write(table);
        }
        else if (k8s.TryGetProperty("hpa_reason", out var hpaReason) && hpaReason.ValueKind == JsonValueKind.String)
        {
            console.MarkupLine($"[grey]HPA: {Markup.Escape(hpaReason.GetString()!)}[/]");
        }

        if (root.TryGetProperty("mismatch", out var mismatch) && mismatch.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in mismatch.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0))
            {
                console.MarkupLine($"[yellow]{Markup.Escape(p.Name.Replace('_', ' '))}:[/] {Markup.Escape(Show(p.Value))}");
            }
        }
    }

    private static Table ObjectTable(string title, IReadOnlyList<JsonElement> rows)
    {
        var columns = rows.Where(r => r.ValueKind == JsonValueKind.Object)
            .SelectMany(r => r.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)).Select(p => p.Name))
            .Distinct().ToList();
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var c in columns)
        {
            table.AddColumn(Markup.Escape(c));
        }

        foreach (var row in rows.Where(r => r.ValueKind == JsonValueKind.Object))
        {
            table.AddRow([.. columns.Select(c => new Text(row.TryGetProperty(c, out var v) ? Show(v) : ""))]);
        }

        return table;
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "–",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Show)),
        JsonValueKind.Object => string.Join(" ", value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => Show(p.Value))),
        _ => value.ToString(),
    };
}
