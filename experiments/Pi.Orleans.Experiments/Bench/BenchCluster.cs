using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>A cluster a measurement started (embedded Api, or Redis + workers + Api) with its calculation client; disposing stops it.</summary>
public sealed class BenchCluster(LocalCluster cluster, CalcClient calc) : IAsyncDisposable
{
    public LocalCluster Cluster => cluster;

    public CalcClient Calc => calc;

    public int ApiPid => cluster.Api.Process.Id;

    /// <summary>The pid of worker-<paramref name="n"/> (1-based).</summary>
    public int WorkerPid(int n) => cluster.Workers[n - 1].Process.Id;

    /// <summary>The service's processes: the Api and the workers (not redis-server).</summary>
    public IReadOnlyList<int> ServicePids => [.. cluster.Workers.Select(w => w.Process.Id), ApiPid];

    /// <summary>Warms up with one untimed calculation, so every process ran the chunk path past the JIT's 30-call threshold.</summary>
    public Task WarmUpAsync(long points, CancellationToken cancellationToken) => calc.RunAsync(points, "distributed", 99, cancellationToken);

    /// <summary>The silo whose log says it accepted calculation <paramref name="id"/> (api, worker-N), "?" if none within 5 s.</summary>
    public async Task<string> GrainHostAsync(Guid id, CancellationToken cancellationToken)
    {
        var needle = $"Calculation {id} accepted";
        for (var i = 0; i < 50; i++)
        {
            foreach (var (name, member) in cluster.Workers.Select(w => (w.Name, w)).Prepend(("api", cluster.Api)))
            {
                if (member.Process.Lines.Any(l => l.Contains(needle, StringComparison.Ordinal)))
                {
                    return name;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        return "?";
    }

    public async ValueTask DisposeAsync()
    {
        calc.Dispose();
        await cluster.DisposeAsync();
    }
}
