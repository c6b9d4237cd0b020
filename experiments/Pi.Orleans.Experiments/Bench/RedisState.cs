using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>A calculation's persisted grain state in Redis, through redis-cli: key &lt;serviceId&gt;/state/calculation/&lt;id&gt;/calculation, a hash (data, etag).</summary>
public sealed class RedisState(int port)
{
    public async Task<string> KeyAsync(Guid id, CancellationToken cancellationToken) =>
        (await Cli(cancellationToken, "--scan", "--pattern", $"*/state/calculation/{id:N}/*")).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    /// <summary>The bytes of the hash's data and etag fields.</summary>
    public async Task<long> BytesAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(id, cancellationToken);
        return long.Parse(await Cli(cancellationToken, "hstrlen", key, "data"), CultureInfo.InvariantCulture) + long.Parse(await Cli(cancellationToken, "hstrlen", key, "etag"), CultureInfo.InvariantCulture);
    }

    /// <summary>"key K; MEMORY USAGE N B".</summary>
    public async Task<string> NoteAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(id, cancellationToken);
        return $"key {key}; MEMORY USAGE {await Cli(cancellationToken, "memory", "usage", key)} B";
    }

    private async Task<string> Cli(CancellationToken cancellationToken, params string[] arguments) =>
        (await Tool.RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), .. arguments], cancellationToken)).Trim();
}
