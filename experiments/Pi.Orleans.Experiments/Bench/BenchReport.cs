using System.Text;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// One run's report, as the scripts wrote it: `&lt;suite&gt;-&lt;UTC time&gt;.tsv` (the rows) and `.md` (a title with the run's
/// span, the machine, the mode and parts, then every row with its load and busy share).
/// </summary>
public static class BenchReport
{
    /// <summary>The markdown report.</summary>
    public static string Markdown(string title, DateTimeOffset started, DateTimeOffset finished, MachineFacts machine, string mode, string parts, IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {title} measurements, {started:yyyy-MM-ddTHH:mm:ssZ} – {finished:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine();
        text.AppendLine($"{machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {machine.Os}; .NET SDK {machine.DotnetSdk}; mode {mode}; parts {parts}.");
        text.AppendLine("Load: the 1-minute load average and the share of both cores busy with other work in the second before each figure.");
        text.AppendLine();
        text.AppendLine("| measurement | value | load | busy % | note |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(row.ToMarkdown());
        }

        return text.ToString();
    }

    /// <summary>Writes `&lt;prefix&gt;-&lt;stamp&gt;.tsv` and `.md` (just `&lt;prefix&gt;` without a finish time) into <paramref name="folder"/>; returns the markdown's path.</summary>
    public static async Task<string> WriteAsync(string folder, string prefix, DateTimeOffset? finished, IReadOnlyList<ResultRow> rows, string markdown, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, finished is { } f ? $"{prefix}-{f:yyyy-MM-ddTHHmm}Z" : prefix);
        await File.WriteAllLinesAsync(path + ".tsv", rows.Select(r => r.ToTsv()), cancellationToken);
        await File.WriteAllTextAsync(path + ".md", markdown, cancellationToken);
        return path + ".md";
    }
}
