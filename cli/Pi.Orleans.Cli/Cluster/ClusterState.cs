using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pi.Orleans.Cli.Cluster;

/// <summary>What `pi cluster up` started, written to cluster.json in its state directory so that `pi cluster down` can stop it.</summary>
public sealed record ClusterState(string Url, string? ApiKey, string ClusterId, IReadOnlyList<ClusterProcess> Processes)
{
    /// <summary>The state file's name in the state directory.</summary>
    public const string FileName = "cluster.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The default state directory: ~/.local/share/pi/cluster.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pi", "cluster");

    /// <summary>Reads the state of <paramref name="directory"/>; null when no cluster was brought up there.</summary>
    public static ClusterState? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(path), Json) ?? throw new FormatException($"{path} is empty.")
            : null;
    }

    /// <summary>Writes the state into <paramref name="directory"/> (write then rename, so a reader never sees half a file).</summary>
    public void Write(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Removes the state file of <paramref name="directory"/>.</summary>
    public static void Delete(string directory) => File.Delete(Path.Combine(directory, FileName));
}
