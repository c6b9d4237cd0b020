namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>How the fake Kubernetes API answers new requests.</summary>
public enum FakeMode
{
    /// <summary>Like a real API server with the Role granted.</summary>
    Normal,

    /// <summary>Every request gets 403 and a Status object, as with a missing RBAC rule.</summary>
    Forbidden,

    /// <summary>Every request waits <see cref="FakeKubernetesApi.SlowDelay"/> before it is answered.</summary>
    Slow,
}
