using System.Diagnostics;
using System.Globalization;
using Pi.Orleans.Client;
using Pi.Orleans.LoadMix;

// Holds --clients concurrent clients against the Api for --warmup (not measured) then --duration seconds; prints latency
// percentiles per operation, errors, and the RSS of the --watch processes (and what --metrics silos report: calculation grains
// active, managed heap) after the warm-up and at the end.
var options = LoadOptions.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
var api = new PiApiClient(http);

var recorder = new Recorder();
using var stop = new CancellationTokenSource();
var clients = Enumerable.Range(0, options.Clients).Select(_ => new LoadClient(api, options, recorder).RunAsync(stop.Token)).ToList();

await Task.Delay(options.Warmup);
var afterWarmup = options.Watch.Select(w => ProcessMemory.RssMiB(w.Pid)).ToArray();
var metricsAfterWarmup = await Task.WhenAll(options.Metrics.Select(m => MetricsProbe.ReadAsync(http, m.Url)));
recorder.Recording = true;
var measured = Stopwatch.StartNew();
await Task.Delay(options.Duration);
recorder.Recording = false;
var elapsed = measured.Elapsed;
var atEnd = options.Watch.Select(w => ProcessMemory.RssMiB(w.Pid)).ToArray();
var metricsAtEnd = await Task.WhenAll(options.Metrics.Select(m => MetricsProbe.ReadAsync(http, m.Url)));
await stop.CancelAsync();
await Task.WhenAll(clients);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"loadmix clients={options.Clients} warmup_s={options.Warmup.TotalSeconds:F0} measured_s={elapsed.TotalSeconds:F1} distributed_points={options.DistributedPoints} single_points={options.SinglePoints} poll_ms={options.PollEvery.TotalMilliseconds:F0} think_ms={options.ThinkTime.TotalMilliseconds:F0}"));
Console.WriteLine(recorder.Describe(elapsed));
for (var i = 0; i < options.Watch.Length; i++)
{
    var (before, after) = (afterWarmup[i], atEnd[i]);
    var growth = before is > 0 && after is not null ? $"{(after.Value - before.Value) / before.Value * 100:+0.0;-0.0}%" : "n/a";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rss {options.Watch[i].Name,-10} after_warmup_mib={before:F0} end_mib={after:F0} growth={growth}"));
}

for (var i = 0; i < options.Metrics.Length; i++)
{
    Console.WriteLine($"metrics {options.Metrics[i].Name,-10} after_warmup: {metricsAfterWarmup[i]}  end: {metricsAtEnd[i]}");
}

return recorder.Errors == 0 ? 0 : 1;
