namespace Pi.Orleans.Experiments.Output;

/// <summary>A GitHub markdown pipe table.</summary>
public static class MarkdownTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", headers) + " |",
            "|" + string.Concat(headers.Select(_ => "---|")),
        };
        lines.AddRange(rows.Select(r => "| " + string.Join(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |"));
        return string.Join('\n', lines) + "\n";
    }
}
