namespace Pi.Orleans.Experiments.Bench;

/// <summary>A "k1=v1 k2=v2" line, as the bare sampler and the C peer print.</summary>
public static class KeyValues
{
    /// <summary>The value of <paramref name="key"/>, or "" when absent.</summary>
    public static string Get(string line, string key) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == key)?[1] ?? "";
}
