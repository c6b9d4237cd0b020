using System.Diagnostics;
using System.Globalization;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.BareSampler;

/// <summary>One timed count: the chunks of <see cref="ChunkPlan"/> handed out to plain threads from a shared counter.</summary>
internal sealed record BareRun(long Points, int Threads, SamplerKernel Kernel, long Inside, TimeSpan Elapsed)
{
    public static BareRun Execute(ulong seed, long points, int threads, SamplerKernel kernel, long chunkPoints)
    {
        // The service's own plan (Pi:MaxChunks 4096), so the count must equal the service's result_inside.
        var plan = ChunkPlan.Create(points, chunkPoints, maxChunks: 4096);
        var next = -1;
        long inside = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            long mine = 0;
            for (var index = Interlocked.Increment(ref next); index < plan.ChunkCount; index = Interlocked.Increment(ref next))
            {
                var work = plan.Work(seed, index);
                mine += PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, kernel);
            }

            Interlocked.Add(ref inside, mine);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return new BareRun(points, threads, PiSampler.Resolve(kernel), inside, stopwatch.Elapsed);
    }

    public string Describe()
    {
        var rate = Points / Elapsed.TotalSeconds / 1e6;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"bare kernel={Kernel} threads={Threads} points={Points} seconds={Elapsed.TotalSeconds:F3} mpoints_per_s={rate:F0} "
            + $"per_thread={rate / Threads:F0} inside={Inside} pi={4.0 * Inside / Points:R}");
    }
}
