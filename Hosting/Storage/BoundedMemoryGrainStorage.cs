using Orleans.Serialization;
using Orleans.Storage;
using Pi.Orleans.Grains.History;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>
/// The embedded default's grain storage: states kept in this process as compact binary copies, and at most
/// <paramref name="maxFinished"/> finished history records (<see cref="IHistoryRecord"/>), the oldest dropped first. Records
/// that are not finished, and states that are not history records (the index), are never dropped.
/// </summary>
internal sealed class BoundedMemoryGrainStorage(Serializer serializer, int maxFinished) : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string State, GrainId Grain), Entry> _entries = [];
    private readonly Queue<(string State, GrainId Grain)> _finished = new();
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Entry? entry;
        lock (_lock)
        {
            _entries.TryGetValue((stateName, grainId), out entry);
        }

        if (entry is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.SerializeToArray(grainState.State);
        var finished = grainState.State is IHistoryRecord { IsFinished: true };
        var key = (stateName, grainId);
        lock (_lock)
        {
            _entries.TryGetValue(key, out var stored);
            CheckETag(stored, grainState.ETag, stateName, grainId);
            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _entries[key] = new Entry(data, etag, finished);
            if (finished && stored is not { Finished: true })
            {
                _finished.Enqueue(key);
                DropOldest();
            }

            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            _entries.TryGetValue((stateName, grainId), out var stored);
            CheckETag(stored, grainState.ETag, stateName, grainId);
            _entries.Remove((stateName, grainId));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static void CheckETag(Entry? stored, string? etag, string stateName, GrainId grainId)
    {
        if (stored?.ETag != etag)
        {
            throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId}.", stored?.ETag, etag);
        }
    }

    // The queue holds each finished record once, in the order it finished; a cleared one leaves a stale key behind, skipped here.
    private void DropOldest()
    {
        while (_finished.Count > maxFinished && _finished.TryDequeue(out var oldest))
        {
            if (_entries.TryGetValue(oldest, out var entry) && entry.Finished)
            {
                _entries.Remove(oldest);
            }
        }
    }

    private sealed record Entry(byte[] Data, string ETag, bool Finished);
}
