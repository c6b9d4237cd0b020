namespace Pi.Orleans.Harness;

/// <summary>The loopback ports of one Api or Silo process: HTTP, Orleans silo-to-silo and gateway.</summary>
public sealed record LocalPorts(int Http, int Silo, int Gateway)
{
    /// <summary>Three free ports, or the given HTTP port with two free Orleans ports.</summary>
    public static LocalPorts Free(int? http = null) => new(http ?? FreePort.Next(), FreePort.Next(), FreePort.Next());
}
