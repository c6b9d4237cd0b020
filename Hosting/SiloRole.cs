namespace Pi.Orleans.Hosting;

/// <summary>What a silo process is for.</summary>
public enum SiloRole
{
    /// <summary>The Api silo: REST, dashboard and calculation grains.</summary>
    Front,

    /// <summary>A worker silo: computes chunks.</summary>
    Worker,
}
