using System.Globalization;

namespace Pi.Orleans.Experiments.Output;

/// <summary>A CSV file read back by column name (the writer's format: a header line, commas, double-quoted cells where needed).</summary>
public sealed class CsvFile
{
    private readonly Dictionary<string, int> _index;

    private CsvFile(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ExperimentException($"{path} does not exist.");
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new ExperimentException($"{path} is empty.");
        }

        return new CsvFile(Split(lines[0]), [.. lines.Skip(1).Select(l => Split(l).ToArray())]);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public string Text(string[] row, string column) =>
        _index.TryGetValue(column, out var i) ? (i < row.Length ? row[i] : "") : throw new ExperimentException($"The CSV has no column '{column}'.");

    /// <summary>The cell as a number; NaN when empty.</summary>
    public double Number(string[] row, string column) =>
        Text(row, column) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : double.NaN;

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
