using System.Diagnostics;
using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The README's run command, exactly as written, in a fresh clone of this commit: time to ready (the build included), then one
/// small warm-up and three single-mode 10^9-point calculations; for comparison the same in Debug (`dotnet run --project Api`).
/// It needs port 8080 free, as the README's command does. Was measure_newcomer in benchmarks/e2e/service.sh.
/// </summary>
public sealed class NewcomerPart : IBenchPart
{
    private static readonly Uri Api = new("http://127.0.0.1:8080/");

    public string Name => "newcomer";

    public IReadOnlyList<string> Tools => ["git", "bash"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var clone = Path.Combine(run.Options.Work, "fresh-clone");
        if (Directory.Exists(clone))
        {
            Directory.Delete(clone, recursive: true);
        }

        await Tool.RunAsync("git", ["clone", "-q", run.Options.Root, clone], cancellationToken);
        var readme = File.ReadAllLines(Path.Combine(run.Options.Root, "README.md"));
        // The first `dotnet run` line after "Run the service", else the first in the README.
        var command = readme.SkipWhile(l => !l.StartsWith("Run the service", StringComparison.Ordinal)).FirstOrDefault(l => l.StartsWith("dotnet run", StringComparison.Ordinal)) ?? readme.First(l => l.StartsWith("dotnet run", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (variant, line) in new[] { ("readme", command), ("debug", "dotnet run --project Api") })
        {
            run.Say($"newcomer: '{line}' in a fresh clone");
            await run.MarkAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = clone };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"exec env -u ConnectionStrings__Redis -u Auth__ApiKeys__0 {line} >'{Path.Combine(run.Options.Work, $"newcomer-{variant}.log")}' 2>&1");
            using var process = Process.Start(start)!;
            try
            {
                while (!await AnswersAsync(http, "health/ready", cancellationToken))
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"the README command exited; see newcomer-{variant}.log in {run.Options.Work}");
                    }

                    await Task.Delay(200, cancellationToken);
                }

                run.Record($"newcomer.{variant}.ready-s", Math.Floor(clock.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture), $"'{line}': clone to ready, build included");
                using var calc = new CalcClient(Api, null);
                await calc.RunAsync(1_000_000, "single", 1, cancellationToken);
                for (var r = 1; r <= 3; r++)
                {
                    await run.MarkAsync(cancellationToken);
                    var c = await calc.RunAsync(1_000_000_000, "single", (ulong)r, cancellationToken);
                    run.Record($"newcomer.{variant}.1e9-single-s", c.Wall, $"HTTP wall, seed {r}, after one 10^6 warm-up; duration_ms={c.DurationMs}");
                }
            }
            finally
            {
                // dotnet run starts the Api as a child; stop both.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                while (await AnswersAsync(http, "health/live", CancellationToken.None))
                {
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
