namespace Pi.Orleans.Experiments.Output;

/// <summary>One plot of a chart: axes labels and its series; the y axis starts at 0 unless <paramref name="YMin"/> says otherwise.</summary>
public sealed record ChartPanel(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series, double YMin = 0, double? YMax = null);
