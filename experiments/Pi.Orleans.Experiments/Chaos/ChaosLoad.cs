using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// The soak's continuous load: distributed calculations drawn from the <see cref="LoadMenu"/>, kept at a number in flight
/// and read every second until they end, and a stream of small single-mode ones (each answered with its result).
/// Every answer is tallied by status code; every accepted calculation is recorded.
/// </summary>
public sealed class ChaosLoad(Uri api, string apiKey, LoadMenu menu, Stopwatch clock, int seed, int inFlight) : IDisposable
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);
    private readonly HttpClient _http = CreateClient(api, apiKey);
    private readonly Random _random = new(seed);
    private readonly ConcurrentDictionary<Guid, CalculationRecord> _calculations = new();

    public AnswerTally Answers { get; } = new();

    /// <summary>Every accepted calculation, in order of acceptance.</summary>
    public IReadOnlyList<CalculationRecord> Calculations => [.. _calculations.Values.OrderBy(c => c.SubmittedAt)];

    /// <summary>Distributed calculations accepted and not yet seen final.</summary>
    public int Running => _calculations.Values.Count(c => !c.IsFinal);

    /// <summary>Submits until <paramref name="stopSubmitting"/>, reading the running ones every second until <paramref name="cancellationToken"/>.</summary>
    public Task RunAsync(CancellationToken stopSubmitting, CancellationToken cancellationToken) =>
        Task.WhenAll(SubmitDistributedAsync(stopSubmitting), SubmitSingleAsync(stopSubmitting), ReadAsync(cancellationToken));

    /// <summary>Waits until no accepted calculation is running, up to <paramref name="timeout"/>.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + timeout;
        while (Running > 0 && clock.Elapsed < deadline)
        {
            await Task.Delay(ReadEvery, cancellationToken);
        }

        return Running == 0;
    }

    /// <summary>Reads every accepted calculation once more (retrying unanswered reads for a while): its final state, or that it is gone.</summary>
    public async Task FinalReadAsync(CancellationToken cancellationToken)
    {
        foreach (var c in Calculations)
        {
            for (var attempt = 0; attempt < 30 && !await ReadOnceAsync(c, "final read", cancellationToken); attempt++)
            {
                await Task.Delay(ReadEvery, cancellationToken);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient CreateClient(Uri api, string apiKey)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    private async Task SubmitDistributedAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (Running < inFlight)
            {
                var (s, points) = Pick(menu.Distributed);
                await SubmitAsync("submit distributed", "distributed", s, points, TimeSpan.FromSeconds(30), stop);
            }

            await Pause(TimeSpan.FromMilliseconds(300 + Next(900)), stop);
        }
    }

    private async Task SubmitSingleAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (s, points) = Pick(menu.Single);
            await SubmitAsync("submit single", "single", s, points, TimeSpan.FromSeconds(60), stop);
            await Pause(TimeSpan.FromMilliseconds(200 + Next(400)), stop);
        }
    }

    private async Task SubmitAsync(string request, string mode, ulong s, long points, TimeSpan timeout, CancellationToken stop)
    {
        using var time = CancellationTokenSource.CreateLinkedTokenSource(stop);
        time.CancelAfter(timeout);
        try
        {
            using var response = await _http.PostAsJsonAsync("api/calculate", new { total_points = points, mode, seed = s }, time.Token);
            Answers.Add(request, response);
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                var calculation = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, CancellationToken.None))!;
                var record = new CalculationRecord(calculation.Id, mode, s, points, clock.Elapsed.TotalSeconds);
                Update(record, calculation);
                _calculations[record.Id] = record;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            if (!stop.IsCancellationRequested)
            {
                Answers.Add(request, "no answer");
            }
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var c in _calculations.Values.Where(c => !c.IsFinal).ToList())
                {
                    await ReadOnceAsync(c, "read", cancellationToken);
                }

                await Task.Delay(ReadEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The soak is over.
        }
    }

    // True when the read got an answer (200 or 404).
    private async Task<bool> ReadOnceAsync(CalculationRecord c, string request, CancellationToken cancellationToken)
    {
        using var time = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        time.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await _http.GetAsync($"api/calculate/{c.Id}", time.Token);
            Answers.Add(request, response);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                c.NotFound++;
                return true;
            }

            if (response.IsSuccessStatusCode)
            {
                Update(c, (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, time.Token))!);
                return true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Answers.Add(request, "no answer");
        }

        return false;
    }

    private void Update(CalculationRecord record, Calculation calculation)
    {
        // Reads overlap (the periodic reader, the drain, the final read); an answer sent before the calculation finished may
        // arrive after one sent later, and must not turn a final status back into a running one.
        if (record.IsFinal && !calculation.IsFinished)
        {
            return;
        }

        record.Status = calculation.Status;
        record.ResultInside = calculation.ResultInside;
        record.ChunksTotal = calculation.ChunksTotal;
        record.ChunkRetries = calculation.ChunkRetries;
        record.Error = calculation.Error;
        if (calculation.IsFinished)
        {
            record.FinishedAt ??= clock.Elapsed.TotalSeconds;
        }
    }

    private (ulong Seed, long Points) Pick(IReadOnlyList<(ulong Seed, long Points)> pairs)
    {
        lock (_random)
        {
            return pairs[_random.Next(pairs.Count)];
        }
    }

    private int Next(int max)
    {
        lock (_random)
        {
            return _random.Next(max);
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stop submitting.
        }
    }
}
