using System.Text.Json;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// Reads a steps profile from JSON, the autoscale experiment's script format widened by closed-loop fields:
/// `{"description": "…", "steps": [{"phase": "idle", "seconds": 20}, {"phase": "burst", "count": 3, "points": "1e11", "wait": true},
/// {"phase": "small", "count": 6, "points": "2e9", "seed": 1, "seed_step": 1, "every_seconds": 4},
/// {"phase": "steady", "seconds": 30, "clients": 8, "mode": "single", "points": 1e6}]}`. Points are exact (string or number).
/// A step with a count and no clients has one client ("every_seconds" is its pause between submissions); mode defaults to distributed.
/// </summary>
public static class StepsScript
{
    /// <summary>Reads the script in <paramref name="path"/>; a missing or malformed file is an <see cref="ExperimentException"/> naming it.</summary>
    public static StepsProfile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ExperimentException($"The load file {path} does not exist.");
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ExperimentException($"{path} is not a load script: {e.Message}");
        }
    }

    public static StepsProfile Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().Select(Step).ToList();
        if (steps.Count == 0 || steps.All(s => s.IsIdle))
        {
            throw new FormatException("the script sends no request.");
        }

        return new StepsProfile(steps, root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "");
    }

    private static LoadStepSpec Step(JsonElement e, int index)
    {
        var count = Int(e, "count");
        var clients = e.TryGetProperty("clients", out var c) ? c.GetInt32() : count > 0 ? 1 : 0;
        var seconds = Number(e, "seconds");
        var every = Number(e, "every_seconds");
        var request = clients > 0
            ? new RequestShape(e.TryGetProperty("mode", out var m) ? m.GetString() ?? "distributed" : "distributed", Points(e), e.TryGetProperty("follow", out var f) && f.GetBoolean())
            : null;
        if (count < 0 || clients < 0 || seconds < 0 || every < 0 || (request is null && seconds == 0) || (request is not null && count == 0 && seconds == 0)
            || request is { Mode: not ("single" or "distributed") })
        {
            throw new FormatException($"step {index + 1} needs \"count\" or \"clients\" with \"points\" (and \"seconds\" when no count), or \"seconds\" > 0 to idle (none negative); mode single or distributed.");
        }

        return new LoadStepSpec(
            e.TryGetProperty("phase", out var phase) ? phase.GetString() ?? $"step-{index + 1}" : $"step-{index + 1}",
            TimeSpan.FromSeconds(seconds),
            clients,
            request,
            count,
            e.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : 42,
            e.TryGetProperty("seed_step", out var step) ? step.GetUInt64() : 0,
            TimeSpan.FromSeconds(every),
            e.TryGetProperty("wait", out var wait) && wait.GetBoolean());
    }

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : 0;

    private static double Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : 0;

    private static long Points(JsonElement e) =>
        e.TryGetProperty("points", out var p)
            ? RequestShape.ParsePoints(p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : p.GetRawText())
            : throw new FormatException("a step that sends needs \"points\".");
}
