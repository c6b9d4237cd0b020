namespace Pi.Orleans;

/// <summary>The service's own meter, shared by the silo's instruments and the hosts' gauges.</summary>
public static class PiMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Pi.Orleans";
}
