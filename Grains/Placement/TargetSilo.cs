namespace Pi.Orleans.Grains.Placement;

/// <summary>Names the silo that the next grain activation made by this call chain should be placed on.</summary>
internal static class TargetSilo
{
    /// <summary>The request-context key the placement director reads.</summary>
    public const string Key = "pi.target-silo";

    /// <summary>Calls <paramref name="call"/> with the target silo in the request context, and removes it again.</summary>
    public static T With<T>(string? silo, Func<T> call)
    {
        if (silo is null)
        {
            return call();
        }

        RequestContext.Set(Key, silo);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }
}
