using System.Globalization;
using System.Text;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>Reads BenchmarkDotNet's CSV reports: every row's method and its Op/s in Mpoints/s (one point per op), "NA" when it has none.</summary>
public static class BenchmarkDotNetCsv
{
    public static IEnumerable<(string Method, string Mpoints)> Rates(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Fields(l.TrimEnd('\r'))).ToList();
        var header = lines[0];
        int method = header.IndexOf("Method"), rate = header.IndexOf("Op/s");
        foreach (var row in lines.Skip(1))
        {
            var value = rate >= 0 && rate < row.Count ? row[rate].Replace(",", "", StringComparison.Ordinal) : "";
            yield return (row[method], value is "" or "NA" ? "NA" : (double.Parse(value, CultureInfo.InvariantCulture) / 1e6).ToString("F0", CultureInfo.InvariantCulture));
        }
    }

    // RFC 4180 fields: commas inside quotes (BenchmarkDotNet writes "1,234.5") do not split.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
