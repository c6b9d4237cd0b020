using System.Globalization;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// One step of a scripted load: <paramref name="Clients"/> closed-loop clients send <paramref name="Request"/> for
/// <paramref name="Duration"/>, pausing <paramref name="Think"/> between requests. With <paramref name="Count"/> &gt; 0 they send
/// that many instead and <paramref name="Duration"/> is a pause after them (the autoscale script's "seconds"). With
/// <paramref name="Wait"/> the step then waits until its calculations end. No clients: an idle step. Seeds are
/// <paramref name="Seed"/>, Seed + <paramref name="SeedStep"/>, …
/// </summary>
public sealed record LoadStepSpec(
    string Phase, TimeSpan Duration, int Clients, RequestShape? Request, int Count = 0, ulong Seed = 42, ulong SeedStep = 0, TimeSpan Think = default, bool Wait = false)
{
    /// <summary>Whether the step sends nothing.</summary>
    public bool IsIdle => Clients == 0 || Request is null;

    /// <summary>The seed of the step's <paramref name="index"/>-th request.</summary>
    public ulong SeedOf(int index) => Seed + (SeedStep * (ulong)index);

    /// <summary>Parses "SECONDS:CLIENTS:MODE:POINTS[:follow]" (e.g. 30:4:single:1e6) or "SECONDS:0" (idle).</summary>
    public static LoadStepSpec Parse(string text, int index)
    {
        var parts = text.Split(':', 3);
        if (parts.Length < 2 || !double.TryParse(parts[0].TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var clients) || clients < 0 || (clients > 0) != (parts.Length == 3))
        {
            throw new FormatException($"'{text}' is not a step: write SECONDS:CLIENTS:MODE:POINTS[:follow] (e.g. 30:4:single:1e6) or SECONDS:0 to idle.");
        }

        return new LoadStepSpec($"step-{index + 1}", TimeSpan.FromSeconds(seconds), clients, clients > 0 ? RequestShape.Parse(parts[2]) : null, SeedStep: 1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Phase} {Duration.TotalSeconds:0.#}s {(IsIdle ? "idle" : $"{Clients}x {Request}{(Count > 0 ? $" count={Count}" : "")}{(Wait ? " wait" : "")}")}");
}
