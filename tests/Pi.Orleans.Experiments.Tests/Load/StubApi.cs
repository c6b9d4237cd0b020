using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Pi.Orleans.Experiments.Tests.Load;

/// <summary>
/// A tiny Api on a free loopback port: POST /api/calculate answers by the request's seed (seed % 3: 1 → 202 with a calculation,
/// 2 → 400, 0 → 429 with Retry-After); GET /api/calculate/{id} answers the calculation completed. It counts the POSTs and can
/// release a waiter after a given number of them.
/// </summary>
internal sealed class StubApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _posts;

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

    public async ValueTask DisposeAsync()
    {
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
            if (Interlocked.Increment(ref _posts) >= ReleaseAfterPosts)
            {
                PostsReached.TrySetResult();
            }

            switch (seed % 3)
            {
                case 1:
                    await WriteAsync(response, 202, Calculation(Guid.NewGuid(), mode, seed, "pending"));
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
        await WriteAsync(response, 200, Calculation(id, "distributed", 1, "completed"));
    }

    private static string Calculation(Guid id, string mode, ulong seed, string status) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"{{id}}","status":"{{status}}","mode":"{{mode}}","total_points":1000,"seed":{{seed}},"chunks_total":1,"chunks_done":0,"points_done":0,"progress":0,"chunk_retries":0,"created_at":"2026-12-06T00:00:00Z"}""");

    private static async Task WriteAsync(HttpListenerResponse response, int status, string json)
    {
        response.StatusCode = status;
        response.ContentType = status < 300 ? "application/json" : "application/problem+json";
        var bytes = Encoding.UTF8.GetBytes(json);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
