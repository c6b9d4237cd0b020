namespace Pi.Orleans.Experiments.Simulation;

/// <summary>One HPA behavior policy: at most <paramref name="Value"/> pods or percent of change per <paramref name="PeriodSeconds"/>.</summary>
public sealed record ScalingPolicy(ScalingPolicyType Type, int Value, int PeriodSeconds)
{
    /// <summary>Parses `pods:4:15` or `percent:100:15` (type, value, period in seconds).</summary>
    public static ScalingPolicy Parse(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length != 3 || !Enum.TryParse<ScalingPolicyType>(parts[0], ignoreCase: true, out var type)
            || !int.TryParse(parts[1], out var value) || !int.TryParse(parts[2], out var period) || value <= 0 || period <= 0)
        {
            throw new FormatException($"'{text}' is not a policy; write pods:VALUE:PERIOD or percent:VALUE:PERIOD (e.g. percent:100:15).");
        }

        return new ScalingPolicy(type, value, period);
    }

    public override string ToString() => $"{Type} {Value}{(Type == ScalingPolicyType.Percent ? "%" : "")} per {PeriodSeconds} s";
}
