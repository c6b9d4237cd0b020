using System.Text.Json.Nodes;

namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>RFC 7386 JSON merge patch: objects merge member by member, null removes a member, anything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> in place.</summary>
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Apply(existing, inner);
            }
            else if (value is JsonObject added)
            {
                var fresh = new JsonObject();
                Apply(fresh, added);
                target[key] = fresh;
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
