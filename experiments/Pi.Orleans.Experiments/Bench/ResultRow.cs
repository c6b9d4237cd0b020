using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// One measurement: its name, value, the 1-minute load average and the share of all cores busy over the second before it
/// (null without a quiet mark), and a note. One TSV line: name, value, load, busy, note.
/// </summary>
public sealed record ResultRow(string Name, string Value, double Load, int? Busy, string Note)
{
    public string ToTsv() => string.Create(CultureInfo.InvariantCulture, $"{Name}\t{Value}\t{Load:0.00}\t{Busy}\t{Note}");

    /// <summary>A markdown table row ("|" in the note written "/").</summary>
    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Value} | {Load:0.00} | {Busy} | {Note.Replace('|', '/')} |");

    /// <summary>Reads a TSV line as <see cref="ToTsv"/> writes it.</summary>
    public static ResultRow Parse(string line)
    {
        var f = line.Split('\t').Concat(Enumerable.Repeat("", 5)).ToArray();
        return new ResultRow(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? null : int.Parse(f[3], CultureInfo.InvariantCulture), f[4]);
    }
}
