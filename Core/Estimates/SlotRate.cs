using System.Diagnostics;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Core.Estimates;

/// <summary>
/// The points one slot of this silo samples per second of sampling: over the last <c>64</c> chunks of at least 16 blocks
/// computed here, and before the first one from a short calibration run (<see cref="Calibrate"/>). Queueing and the sampling
/// thread's start-up delay are not counted: it is a slot's speed, not a chunk's wait.
/// </summary>
public sealed class SlotRate(SamplerKernel kernel)
{
    private const int Window = 64;

    // 16 blocks: smaller chunks (tiny calculations) say more about fixed costs than about the slot's speed.
    private const long MinPoints = 16L * PointStreams.BlockSize;

    // 64 blocks: about 4·10^6 points, a few milliseconds on one core.
    private const long CalibrationPoints = 64L * PointStreams.BlockSize;
    private readonly long[] _points = new long[Window];
    private readonly double[] _seconds = new double[Window];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private double _calibrated;

    /// <summary>Points per second of one slot; 0 until a chunk or the calibration has run.</summary>
    public double PointsPerSecond
    {
        get
        {
            lock (_lock)
            {
                long points = 0;
                double seconds = 0;
                for (var i = 0; i < _count; i++)
                {
                    points += _points[i];
                    seconds += _seconds[i];
                }

                return seconds > 0 ? points / seconds : _calibrated;
            }
        }
    }

    /// <summary>
    /// Counts a chunk of <paramref name="points"/> that sampled for <paramref name="computed"/>; chunks under 16 blocks (about
    /// 10^6 points, half a millisecond) do not count: their fixed costs would make the slot look slower than it is.
    /// </summary>
    public void Add(long points, TimeSpan computed)
    {
        if (points < MinPoints || computed <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            _points[_next] = points;
            _seconds[_next] = computed.TotalSeconds;
            _next = (_next + 1) % Window;
            _count = Math.Min(_count + 1, Window);
        }
    }

    /// <summary>
    /// Samples a few million points on this thread five times and keeps the fastest rate as the estimate until chunks are
    /// measured: the first run pays the kernel's compilation, and any run may share its core with the silo's own start.
    /// </summary>
    public void Calibrate()
    {
        var best = 0d;
        for (var run = 0; run < 5; run++)
        {
            var started = Stopwatch.GetTimestamp();
            PiSampler.CountInside(0, 0, CalibrationPoints, kernel);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            best = Math.Max(best, CalibrationPoints / Math.Max(seconds, 1e-9));
        }

        lock (_lock)
        {
            _calibrated = best;
        }
    }
}
