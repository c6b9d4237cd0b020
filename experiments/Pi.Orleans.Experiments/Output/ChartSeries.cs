namespace Pi.Orleans.Experiments.Output;

/// <summary>One line of a chart panel: drawn as a step line (a count held until it changes) or straight segments, optionally dashed or with markers.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Step = false, bool Dashed = false, bool Markers = false);
