using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The kernels under BenchmarkDotNet, the hand-written C limit, the bare sampler on one thread over the same points as the C
/// program, and the peers (NumPy, Java's SparkPi loop); every number is one core, taken in the same run. Was
/// benchmarks/e2e/sampler.sh with bdn_rates.py.
/// </summary>
public sealed class SamplerPart(bool quick) : IBenchPart
{
    public string Name => "sampler";

    public IReadOnlyList<string> Tools => ["gcc", "javac", "java", "/usr/bin/python3"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var root = run.Options.Root;
        var work = run.Options.Work;
        var (peerPoints, repeats, job) = quick ? (50_000_000, 3, new[] { "--job", "short" }) : (200_000_000, 5, Array.Empty<string>());
        var jobName = quick ? "--job short" : "default job";
        var project = Path.Combine(root, "experiments", "Pi.Orleans.Benchmarks");
        var artifacts = Path.Combine(project, "bin", run.Options.Configuration, "net10.0", "BenchmarkDotNet.Artifacts", "results");

        run.Say("BenchmarkDotNet");
        if (!run.Options.NoBuild)
        {
            await Tool.RunAsync("dotnet", ["build", "-c", run.Options.Configuration, "-v", "q", "-nologo", project], cancellationToken);
        }

        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        await run.MarkAsync(cancellationToken);
        var bdn = await Tool.RunAsync("dotnet", ["run", "-c", run.Options.Configuration, "--no-build", "--project", project, "--", "--filter", "*", .. job], cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(work, "bdn.log"), bdn, cancellationToken);
        foreach (var csv in Directory.GetFiles(artifacts, "*-report.csv"))
        {
            foreach (var (method, rate) in BenchmarkDotNetCsv.Rates(await File.ReadAllTextAsync(csv, cancellationToken)))
            {
                if (method == "RandomShared")
                {
                    run.Record("peer.csharp-random-shared", rate, $"BenchmarkDotNet {jobName}: Random.Shared.NextDouble() x2, x*x+y*y <= 1");
                }
                else
                {
                    run.Record($"sampler.{method}", rate, $"BenchmarkDotNet {jobName}, 4,194,304 points per op");
                }
            }
        }

        run.Say("C limit and bare sampler on the same points");
        var c = Path.Combine(work, "pi_avx512");
        await Tool.RunAsync("gcc", ["-O3", "-march=native", "-o", c, Path.Combine(root, "experiments", "peers", "c", "pi_avx512.c")], cancellationToken);
        const long points = 1L << 30;
        var count = "";
        foreach (var kernel in new[] { "avx512", "avx512-literal", "plain" })
        {
            await run.MarkAsync(cancellationToken);
            var line = await Tool.RunAsync(c, [kernel, Points.Text(points), "2024", "0", repeats.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            run.Record($"limit.c-{kernel}", KeyValues.Get(line, "mpoints_per_s"), $"gcc -O3 -march=native, median of {repeats} x 2^30 points, count={KeyValues.Get(line, "count")}");
            count = kernel == "avx512" ? KeyValues.Get(line, "count") : count;
        }

        await run.MarkAsync(cancellationToken);
        var bare = await run.BareAsync(points, 1, 2024, cancellationToken, "Vector512");
        var inside = KeyValues.Get(bare, "inside");
        run.Record("sampler.bare-1-thread", KeyValues.Get(bare, "mpoints_per_s"), $"PiSampler.CountInside Vector512, one run of 2^30 points, count={inside}");
        run.Record("limit.same-count", inside == count ? "1" : "0", $"C count {count} vs C# count {inside} (seed 2024, blocks 0..16383)");

        run.Say("peers");
        await run.MarkAsync(cancellationToken);
        var numpy = await Tool.RunAsync("/usr/bin/python3", [Path.Combine(root, "experiments", "peers", "numpy", "pi_numpy.py"), peerPoints.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        run.Record("peer.numpy", KeyValues.Get(numpy, "mpoints_per_s"), $"default_rng float64, chunks of 10^7, {peerPoints} points, numpy {KeyValues.Get(numpy, "numpy")}");
        var classes = Path.Combine(work, "java");
        Directory.CreateDirectory(classes);
        await Tool.RunAsync("javac", ["-d", classes, Path.Combine(root, "experiments", "peers", "java", "SparkPiLoop.java")], cancellationToken);
        await run.MarkAsync(cancellationToken);
        var java = await Tool.RunAsync("java", ["-cp", classes, "SparkPiLoop", peerPoints.ToString(CultureInfo.InvariantCulture), "3"], cancellationToken);
        foreach (var line in java.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            run.Record($"peer.{line.Split(' ')[0]}", KeyValues.Get(line, "mpoints_per_s"), $"SparkPi inner loop, median of 3 x {peerPoints} points, Java {KeyValues.Get(line, "java")}");
        }
    }
}
