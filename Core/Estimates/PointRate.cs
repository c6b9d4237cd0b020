namespace Pi.Orleans.Core.Estimates;

/// <summary>Points per second over a sliding window of one-second buckets.</summary>
public sealed class PointRate(TimeProvider time)
{
    private const int Seconds = 10;
    private readonly long[] _buckets = new long[Seconds];
    private readonly long[] _stamps = new long[Seconds];

    /// <summary>Adds sampled points at the current second.</summary>
    public void Add(long points)
    {
        var now = Now();
        var i = (int)(now % Seconds);
        lock (_buckets)
        {
            if (_stamps[i] != now)
            {
                _stamps[i] = now;
                _buckets[i] = 0;
            }

            _buckets[i] += points;
        }
    }

    /// <summary>The mean rate over the last 10 s.</summary>
    public double PerSecond()
    {
        var now = Now();
        long sum = 0;
        lock (_buckets)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (now - _stamps[i] < Seconds)
                {
                    sum += _buckets[i];
                }
            }
        }

        return sum / (double)Seconds;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}
