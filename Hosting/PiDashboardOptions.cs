namespace Pi.Orleans.Hosting;

/// <summary>The Orleans Dashboard switch, bound from the "Dashboard" configuration section.</summary>
public sealed class PiDashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Whether every silo reports to the dashboard and the front silo serves it at /dashboard. Default: true.</summary>
    public bool Enabled { get; set; } = true;
}
