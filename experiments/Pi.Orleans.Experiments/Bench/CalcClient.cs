using System.Diagnostics;
using System.Text.Json;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Submits, follows, waits for and cancels calculations for the measurements (what benchmarks/e2e/calc.py did): a run follows
/// the calculation's server-sent events rather than polling, so the client costs the Api nothing while it waits.
/// </summary>
public sealed class CalcClient(Uri api, string? apiKey) : IDisposable
{
    private readonly PiApiClient _api = PiApiClient.Create(api.ToString(), TimeSpan.FromSeconds(600), apiKey);

    /// <summary>Submits and follows to the end; wall time from just before the POST.</summary>
    public async Task<CalcOutcome> RunAsync(long points, string mode, ulong seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var accepted = await _api.SubmitAsync(points, mode, seed, cancellationToken);
        var calculation = await new CalculationFollower(_api, TimeSpan.FromMilliseconds(100)).FollowAsync(accepted, static _ => { }, cancellationToken);
        return new CalcOutcome(calculation, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Submits only; the clock starts just before the POST.</summary>
    public async Task<(Calculation Calculation, Stopwatch Clock)> SubmitAsync(long points, string mode, ulong seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return (await _api.SubmitAsync(points, mode, seed, cancellationToken), clock);
    }

    /// <summary>Polls every 100 ms until the calculation ends, riding out failed reads (a frozen silo may hold one up).</summary>
    public async Task<CalcOutcome> WaitAsync(Guid id, Stopwatch clock, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = clock.Elapsed + (limit ?? TimeSpan.FromSeconds(1800));
        while (true)
        {
            try
            {
                var calculation = await _api.GetAsync(id, cancellationToken);
                if (calculation.IsFinished)
                {
                    return new CalcOutcome(calculation, clock.Elapsed.TotalSeconds);
                }
            }
            catch (Exception e) when (e is HttpRequestException or ApiException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The Api or the calculation's silo does not answer now.
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"calculation {id} did not finish within {limit?.TotalSeconds ?? 1800} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Polls every 50 ms until the progress reaches <paramref name="fraction"/> or the calculation ends.</summary>
    public async Task<Calculation> UntilAsync(Guid id, double fraction, CancellationToken cancellationToken)
    {
        while (true)
        {
            var calculation = await _api.GetAsync(id, cancellationToken);
            if (calculation.Progress >= fraction || calculation.IsFinished)
            {
                return calculation;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public Task<Calculation> CancelAsync(Guid id, CancellationToken cancellationToken) => _api.CancelAsync(id, cancellationToken);

    public Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken) => _api.ClusterAsync(cancellationToken);

    public Task<Estimate> EstimateAsync(long points, CancellationToken cancellationToken) => _api.EstimateAsync(points, null, null, cancellationToken);

    public Task<Calculation> GetAsync(Guid id, CancellationToken cancellationToken) => _api.GetAsync(id, cancellationToken);

    public void Dispose() => _api.Dispose();
}
