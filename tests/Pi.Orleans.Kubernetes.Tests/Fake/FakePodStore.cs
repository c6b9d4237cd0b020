using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>The pods of the fake API and the open watches on them; every change is sent to the watches it matches.</summary>
public sealed class FakePodStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), JsonObject> _pods = [];
    private readonly List<Watch> _watches = [];
    private long _resourceVersion = 1000;

    /// <summary>The current resource version.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>How many watches are open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Adds (or replaces) a pod and tells the watches.</summary>
    public void Put(JsonObject pod)
    {
        var metadata = pod["metadata"]!;
        var key = (metadata["namespace"]!.GetValue<string>(), metadata["name"]!.GetValue<string>());
        lock (_gate)
        {
            var added = !_pods.ContainsKey(key);
            _pods[key] = Stamp(pod);
            Notify(added ? "ADDED" : "MODIFIED", pod);
        }
    }

    /// <summary>A copy of one pod, or null.</summary>
    public JsonObject? Get(string ns, string name)
    {
        lock (_gate)
        {
            return _pods.TryGetValue((ns, name), out var pod) ? pod.DeepClone().AsObject() : null;
        }
    }

    /// <summary>Copies of the pods of a namespace that match the selector.</summary>
    public List<JsonObject> List(string ns, LabelSelector selector)
    {
        lock (_gate)
        {
            return [.. _pods.Where(p => p.Key.Namespace == ns && selector.Matches(p.Value)).OrderBy(p => p.Key.Name).Select(p => p.Value.DeepClone().AsObject())];
        }
    }

    /// <summary>Applies a JSON merge patch to a pod; returns the patched copy, or null if there is no such pod.</summary>
    public JsonObject? Patch(string ns, string name, JsonObject patch)
    {
        lock (_gate)
        {
            if (!_pods.TryGetValue((ns, name), out var pod))
            {
                return null;
            }

            JsonMergePatch.Apply(pod, patch);
            Stamp(pod);
            Notify("MODIFIED", pod);
            return pod.DeepClone().AsObject();
        }
    }

    /// <summary>Removes a pod and sends DELETED to the watches; returns the removed pod, or null.</summary>
    public JsonObject? Delete(string ns, string name)
    {
        lock (_gate)
        {
            if (!_pods.Remove((ns, name), out var pod))
            {
                return null;
            }

            Stamp(pod);
            Notify("DELETED", pod);
            return pod;
        }
    }

    /// <summary>Opens a watch: ADDED for every matching pod now, then every change until the reader stops.</summary>
    public ChannelReader<string> OpenWatch(string ns, LabelSelector selector, out Action close)
    {
        var watch = new Watch(ns, selector, Channel.CreateUnbounded<string>());
        lock (_gate)
        {
            foreach (var pod in _pods.Where(p => p.Key.Namespace == ns && selector.Matches(p.Value)))
            {
                watch.Channel.Writer.TryWrite(Event("ADDED", pod.Value));
            }

            _watches.Add(watch);
        }

        close = () =>
        {
            lock (_gate)
            {
                _watches.Remove(watch);
            }

            watch.Channel.Writer.TryComplete();
        };
        return watch.Channel.Reader;
    }

    /// <summary>Ends every open watch (the fake is stopping).</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Channel.Writer.TryComplete();
            }

            _watches.Clear();
        }
    }

    private static string Event(string type, JsonObject pod) =>
        new JsonObject { ["type"] = type, ["object"] = pod.DeepClone() }.ToJsonString() + "\n";

    private JsonObject Stamp(JsonObject pod)
    {
        pod["metadata"]!["resourceVersion"] = (++_resourceVersion).ToString();
        return pod;
    }

    private void Notify(string type, JsonObject pod)
    {
        var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
        foreach (var watch in _watches.Where(w => w.Namespace == ns && w.Selector.Matches(pod)))
        {
            watch.Channel.Writer.TryWrite(Event(type, pod));
        }
    }

    private sealed record Watch(string Namespace, LabelSelector Selector, Channel<string> Channel);
}
