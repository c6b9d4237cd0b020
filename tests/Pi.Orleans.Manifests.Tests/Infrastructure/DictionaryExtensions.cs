namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>Lookups in the models' label and selector maps, which are plain IDictionary.</summary>
public static class DictionaryExtensions
{
    /// <summary>The value under <paramref name="key"/>, or null when the map or the key is missing.</summary>
    public static string? ValueOrNull(this IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
