namespace Pi.Orleans.Experiments.Bench;

/// <summary>A runtime setting the measurements compare ("default", "TieredCompilation=0", "gcServer=0"…) as the hosts' environment.</summary>
public static class DotnetVariant
{
    /// <summary>DOTNET_&lt;setting&gt; for the processes started; none for "default".</summary>
    public static IReadOnlyDictionary<string, string> Environment(string variant) =>
        variant == "default" ? new Dictionary<string, string>() : new Dictionary<string, string> { ["DOTNET_" + variant.Split('=')[0]] = variant.Split('=')[1] };
}
