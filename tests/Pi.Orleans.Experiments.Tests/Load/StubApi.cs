using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Pi.Orleans.Experiments.Tests.Load;

/// <summary>
/// A tiny Api on a free loopback port: POST /api/calculate answers by the request's seed (seed % 3: 1 → 202 with a calculation,
/// 2 → 400, 0 → 429 with Retry-After); GET /api/calculate/{id} answers the calculation completed. It counts the POSTs and can
/// release a waiter after a given number of them. With <see cref="AcceptAll"/> every POST is accepted and answered completed;
/// with <see cref="HoldSinglesUntilDistributed"/> the single POSTs wait for that many distributed ones. Every POST is kept in
/// <see cref="Submissions"/>, in order of arrival. <see cref="PostDelay"/> answers every POST that much later, and
/// <see cref="RunningReads"/> answers that many GETs of each calculation "running" before "completed" (and the POST "pending").
/// </summary>
internal sealed class StubApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly List<(string Mode, ulong Seed, long Points)> _submissions = [];
    private readonly TaskCompletionSource _distributedReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<Guid, int> _reads = [];
    private int _posts;
    private int _distributed;

    public StubApi()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    public int Posts => Volatile.Read(ref _posts);

    /// <summary>Completes once this many POSTs have arrived.</summary>
    public TaskCompletionSource PostsReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ReleaseAfterPosts { get; init; } = int.MaxValue;

    public bool AcceptAll { get; init; }

    public int HoldSinglesUntilDistributed { get; init; }

    public TimeSpan PostDelay { get; init; }

    public int RunningReads { get; init; }

    /// <summary>Completes once <see cref="HoldSinglesUntilDistributed"/> distributed POSTs have arrived.</summary>
    public Task DistributedReached => _distributedReached.Task;

    public IReadOnlyList<(string Mode, ulong Seed, long Points)> Submissions
    {
        get
        {
            lock (_submissions)
            {
                return [.. _submissions];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _distributedReached.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod == "POST")
        {
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            var seed = body.RootElement.GetProperty("seed").GetUInt64();
            var mode = body.RootElement.GetProperty("mode").GetString()!;
            var points = body.RootElement.GetProperty("total_points").GetInt64();
            lock (_submissions)
            {
                _submissions.Add((mode, seed, points));
            }

            if (Interlocked.Increment(ref _posts) >= ReleaseAfterPosts)
            {
                PostsReached.TrySetResult();
            }

            if (mode == "distributed" && Interlocked.Increment(ref _distributed) >= HoldSinglesUntilDistributed)
            {
                _distributedReached.TrySetResult();
            }

            if (mode == "single" && HoldSinglesUntilDistributed > 0)
            {
                await _distributedReached.Task;
            }

            await Task.Delay(PostDelay);
            switch (AcceptAll ? 1 : seed % 3)
            {
                case 1:
                    await WriteAsync(response, 202, Calculation(Guid.NewGuid(), mode, seed, AcceptAll && RunningReads == 0 ? "completed" : "pending", points));
                    break;
                case 2:
                    await WriteAsync(response, 400, """{"title":"One or more validation errors occurred.","status":400}""");
                    break;
                default:
                    response.AddHeader("Retry-After", "1");
                    await WriteAsync(response, 429, """{"title":"Too many requests","status":429}""");
                    break;
            }

            return;
        }

        var id = Guid.Parse(context.Request.Url!.Segments[^1]);
        int reads;
        lock (_reads)
        {
            reads = _reads[id] = _reads.GetValueOrDefault(id) + 1;
        }

        await WriteAsync(response, 200, Calculation(id, "distributed", 1, reads > RunningReads ? "completed" : "running", 1000));
    }

    private static string Calculation(Guid id, string mode, ulong seed, string status, long points) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"{{id}}","status":"{{status}}","mode":"{{mode}}","total_points":{{points}},"seed":{{seed}},"seed_source":"request","chunks_total":1,"chunks_done":0,"points_done":0,"progress":0,"result_pi":null,"result_inside":null,"result_total":null,"standard_error":null,"confidence_interval_95":null,"duration_ms":null,"silos_used":[],"chunk_retries":0,"created_at":"2026-12-06T00:00:00Z","started_at":null,"finished_at":null,"error":null,"target_error":null,"half_width":null,"target_met":null,"eta_s":null}""");

    private static async Task WriteAsync(HttpListenerResponse response, int status, string json)
    {
        response.StatusCode = status;
        response.ContentType = status < 300 ? "application/json" : "application/problem+json";
        var bytes = Encoding.UTF8.GetBytes(json);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
