namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Which chunks of a calculation are done, in space that grows with the gaps, not the chunks: every chunk below
/// <see cref="Watermark"/>, and sorted ranges above it. Chunks go out in order, so the gaps are the chunks in flight or waiting
/// for a retry, and the ranges stay few however many chunks there are.
/// </summary>
[GenerateSerializer, Alias("pi.DoneChunks")]
public sealed class DoneChunks
{
    /// <summary>Every chunk below this index is done.</summary>
    [Id(0)] public int Watermark { get; set; }

    /// <summary>The done ranges above the watermark, flat and sorted: start, end (exclusive), start, end…; no two touch.</summary>
    [Id(1)] public List<int> Ranges { get; set; } = [];

    /// <summary>How many chunks are done.</summary>
    [Id(2)] public int Count { get; set; }

    /// <summary>Whether chunk <paramref name="index"/> is done.</summary>
    public bool Contains(int index)
    {
        if (index < Watermark)
        {
            return true;
        }

        var range = RangeAtOrBefore(index);
        return range >= 0 && index < Ranges[(2 * range) + 1];
    }

    /// <summary>Marks chunk <paramref name="index"/> done; false when it was done already, so a duplicate is never counted twice.</summary>
    public bool Add(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Watermark)
        {
            return false;
        }

        var before = RangeAtOrBefore(index);
        if (before >= 0 && index < Ranges[(2 * before) + 1])
        {
            return false;
        }

        var after = before + 1;
        var joinsBefore = before >= 0 && Ranges[(2 * before) + 1] == index;
        var joinsAfter = 2 * after < Ranges.Count && Ranges[2 * after] == index + 1;
        if (index == Watermark)
        {
            Watermark = joinsAfter ? Ranges[(2 * after) + 1] : index + 1;
            if (joinsAfter)
            {
                Ranges.RemoveRange(0, 2);
            }
        }
        else if (joinsBefore && joinsAfter)
        {
            Ranges[(2 * before) + 1] = Ranges[(2 * after) + 1];
            Ranges.RemoveRange(2 * after, 2);
        }
        else if (joinsBefore)
        {
            Ranges[(2 * before) + 1] = index + 1;
        }
        else if (joinsAfter)
        {
            Ranges[2 * after] = index;
        }
        else
        {
            Ranges.InsertRange(2 * after, [index, index + 1]);
        }

        Count++;
        return true;
    }

    /// <summary>The first chunk at or after <paramref name="index"/> that is not done.</summary>
    public int NextUndone(int index)
    {
        if (index < Watermark)
        {
            return Watermark;
        }

        var range = RangeAtOrBefore(index);
        return range >= 0 && index < Ranges[(2 * range) + 1] ? Ranges[(2 * range) + 1] : index;
    }

    // The last range that starts at or before index, or -1.
    private int RangeAtOrBefore(int index)
    {
        int low = 0, high = (Ranges.Count / 2) - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (Ranges[2 * mid] <= index)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }
}
