using System.Text.Json;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// The scripted load, read from a JSON file the user can edit: `{"description": "...", "steps": [{"phase": "idle", "seconds": 20},
/// {"phase": "burst", "count": 3, "points": "1e11", "seed": 42, "wait": true}, {"phase": "small", "count": 6, "points": "2e9",
/// "seed": 1, "seed_step": 1, "every_seconds": 4}]}`. Points are exact: a string or a number in scientific notation.
/// </summary>
public sealed record LoadScript(string Description, IReadOnlyList<LoadStep> Steps, string Text)
{
    public static LoadScript Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ExperimentException($"The load file {path} does not exist.");
        }

        var text = File.ReadAllText(path);
        try
        {
            return Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ExperimentException($"{path} is not a load script: {e.Message}");
        }
    }

    public static LoadScript Parse(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().Select(Step).ToList();
        if (steps.Count == 0 || steps.All(s => s.Count == 0))
        {
            throw new FormatException("the script submits no calculation.");
        }

        return new LoadScript(root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "", steps, text);
    }

    private static LoadStep Step(JsonElement e, int index)
    {
        var count = e.TryGetProperty("count", out var c) ? c.GetInt32() : 0;
        var points = e.TryGetProperty("points", out var p) ? Points(p) : 0;
        var seconds = Number(e, "seconds");
        var every = Number(e, "every_seconds");
        if (count < 0 || seconds < 0 || every < 0 || (count > 0 && points <= 0) || (count == 0 && seconds == 0))
        {
            throw new FormatException($"step {index + 1} needs \"count\" > 0 with \"points\" > 0, or \"seconds\" > 0 (none negative).");
        }

        return new LoadStep(
            e.TryGetProperty("phase", out var phase) ? phase.GetString() ?? $"step-{index + 1}" : $"step-{index + 1}",
            count,
            points,
            e.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : 42,
            e.TryGetProperty("seed_step", out var step) ? step.GetUInt64() : 0,
            every,
            e.TryGetProperty("wait", out var wait) && wait.GetBoolean(),
            seconds);
    }

    private static double Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : 0;

    private static long Points(JsonElement e) =>
        PointCount.Parse(e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText());
}
