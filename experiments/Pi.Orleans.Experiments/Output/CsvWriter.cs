using System.Globalization;
using System.Text;

namespace Pi.Orleans.Experiments.Output;

/// <summary>A CSV table built row by row: invariant numbers, quoted only where needed.</summary>
public sealed class CsvWriter(params string[] columns)
{
    private readonly StringBuilder _text = new StringBuilder().AppendLine(string.Join(',', columns));

    public CsvWriter Add(params object?[] values)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"{values.Length} values for {columns.Length} columns.");
        }

        _text.AppendLine(string.Join(',', values.Select(Cell)));
        return this;
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        await File.WriteAllTextAsync(path, _text.ToString(), cancellationToken);

    public override string ToString() => _text.ToString();

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => double.IsFinite(d) ? d.ToString("0.######", CultureInfo.InvariantCulture) : "",
            bool b => b ? "1" : "0",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
