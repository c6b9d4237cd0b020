using System.Globalization;

namespace Pi.Orleans.LoadMix;

/// <summary>What to run, from --name value pairs; every option has a default. --watch takes name=pid,... of local processes whose RSS to report, --metrics name=url,... of silos whose /metrics to read.</summary>
internal sealed record LoadOptions(
    Uri BaseUrl,
    string ApiKey,
    int Clients,
    TimeSpan Warmup,
    TimeSpan Duration,
    long DistributedPoints,
    long SinglePoints,
    TimeSpan PollEvery,
    TimeSpan ThinkTime,
    (string Name, int Pid)[] Watch,
    (string Name, Uri Url)[] Metrics)
{
    public static LoadOptions Parse(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            named[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => named.GetValueOrDefault(name, fallback);
        long Long(string name, long fallback) => long.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(double.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        TimeSpan Millis(string name, int fallback) => TimeSpan.FromMilliseconds(Long(name, fallback));

        return new LoadOptions(
            new Uri(Get("url", "http://127.0.0.1:8080")),
            Get("api-key", "load-key"),
            (int)Long("clients", 200),
            Seconds("warmup", 15),
            Seconds("duration", 60),
            Long("distributed-points", 100_000_000),
            Long("single-points", 1_000_000),
            Millis("poll-ms", 200),
            Millis("think-ms", 100),
            [.. Get("watch", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Watched)],
            [.. Get("metrics", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Scraped)]);
    }

    private static (string Name, int Pid) Watched(string entry)
    {
        var parts = entry.Split('=', 2);
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static (string Name, Uri Url) Scraped(string entry)
    {
        var parts = entry.Split('=', 2);
        return (parts[0], new Uri(parts[1]));
    }
}
