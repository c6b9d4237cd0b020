using System.Globalization;
using Pi.Orleans.BareSampler;
using Pi.Orleans.Core.Sampling;

// The sampler without Orleans: the service's chunk plan run on plain threads, the baseline for the grain overhead.
// Usage: Pi.Orleans.BareSampler [points=1e10] [threads=2] [seed=1] [kernel=Auto] [chunkPoints=536870912]
var points = args.Length > 0 ? (long)double.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000_000;
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var kernel = args.Length > 3 ? Enum.Parse<SamplerKernel>(args[3], ignoreCase: true) : SamplerKernel.Auto;
var chunkPoints = args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 1L << 29;

// An untimed run brings the kernel to its optimised tier before the clock starts.
BareRun.Execute(seed + 1, 1L << 28, threads, kernel, chunkPoints);
Console.WriteLine(BareRun.Execute(seed, points, threads, kernel, chunkPoints).Describe());
