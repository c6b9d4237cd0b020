using System.Globalization;
using Pi.Orleans.Client;
using Pi.Orleans.LoadGen;

// Closed-loop HTTP load: `concurrency` clients each POST /api/calculate and wait for the answer before sending the next.
// Usage: Pi.Orleans.LoadGen [baseUrl=http://127.0.0.1:8080] [requests=2000] [concurrency=16] [points=1000000] [mode=single] [apiKey]
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080");
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var points = args.Length > 3 ? (long)double.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
var mode = args.Length > 4 ? args[4] : "single";

using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
if (args.Length > 5 && args[5].Length > 0)
{
    client.DefaultRequestHeaders.Add("X-Api-Key", args[5]);
}

using var api = new PiApiClient(client);
var load = new ClosedLoop(api, points, mode);

// Warm-up: JIT, connection pool and grain activations, not counted.
await load.RunAsync(Math.Max(concurrency * 4, requests / 10), concurrency);
var result = await load.RunAsync(requests, concurrency);
Console.WriteLine(result.Describe(concurrency, points, mode));
return result.Errors == 0 ? 0 : 1;
