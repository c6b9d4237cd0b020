using System.Globalization;
using System.Security;
using System.Text;

namespace Pi.Orleans.Experiments.Output;

/// <summary>A dependency-free SVG line chart: panels stacked vertically, each with nice-number ticks, a grid and a legend.</summary>
public static class SvgChart
{
    private const int Width = 900;
    private const int PanelHeight = 260;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 50;
    private const int Bottom = 45;

    public static string Render(string title, IReadOnlyList<ChartPanel> panels)
    {
        var height = 40 + panels.Count * (PanelHeight + Top + Bottom);
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Esc(title)}</text>\n"));
        for (var i = 0; i < panels.Count; i++)
        {
            DrawPanel(svg, panels[i], 40 + i * (PanelHeight + Top + Bottom) + Top);
        }

        return svg.Append("</svg>\n").ToString();
    }

    public static Task SaveAsync(string path, string title, IReadOnlyList<ChartPanel> panels, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Render(title, panels), cancellationToken);

    private static void DrawPanel(StringBuilder svg, ChartPanel panel, int top)
    {
        var points = panel.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (x0, x1) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.X), points.Max(p => p.X));
        var y0 = panel.YMin;
        var y1 = panel.YMax ?? (points.Count == 0 ? 1.0 : Math.Max(points.Max(p => p.Y) * 1.08, y0 + 1e-9));
        var xTicks = Ticks(x0, x1 > x0 ? x1 : x0 + 1);
        var yTicks = Ticks(y0, y1 > y0 ? y1 : y0 + 1);
        (x0, x1) = (Math.Min(x0, xTicks[0]), Math.Max(x1, xTicks[^1]));
        y1 = Math.Max(y1, yTicks[^1]);
        var plotWidth = Width - Left - Right;
        double X(double x) => Left + ((x - x0) / (x1 - x0) * plotWidth);
        double Y(double y) => top + PanelHeight - ((Math.Clamp(y, y0, y1) - y0) / (y1 - y0) * PanelHeight);

        svg.Append(Inv($"<text x=\"{Left}\" y=\"{top - 12}\" font-size=\"14\" font-weight=\"bold\">{Esc(panel.Title)}</text>\n"));
        foreach (var t in yTicks)
        {
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Y(t):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(t):0.#}\" stroke=\"#e4e4e4\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Y(t) + 4:0.#}\" text-anchor=\"end\">{Esc(Label(t))}</text>\n"));
        }

        foreach (var t in xTicks)
        {
            svg.Append(Inv($"<line x1=\"{X(t):0.#}\" y1=\"{top}\" x2=\"{X(t):0.#}\" y2=\"{top + PanelHeight}\" stroke=\"#f0f0f0\"/>"));
            svg.Append(Inv($"<text x=\"{X(t):0.#}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{Esc(Label(t))}</text>\n"));
        }

        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#888\"/>\n"));
        svg.Append(Inv($"<text x=\"{Left + (plotWidth / 2)}\" y=\"{top + PanelHeight + 36}\" text-anchor=\"middle\">{Esc(panel.XLabel)}</text>\n"));
        svg.Append(Inv($"<text transform=\"translate(16,{top + (PanelHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Esc(panel.YLabel)}</text>\n"));

        foreach (var s in panel.Series)
        {
            var pts = s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (pts.Count == 0)
            {
                continue;
            }

            var path = new StringBuilder(Inv($"M{X(pts[0].X):0.##},{Y(pts[0].Y):0.##}"));
            for (var i = 1; i < pts.Count; i++)
            {
                if (s.Step)
                {
                    path.Append(Inv($" H{X(pts[i].X):0.##}"));
                }

                path.Append(Inv($" L{X(pts[i].X):0.##},{Y(pts[i].Y):0.##}"));
            }

            var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(Inv($"<path d=\"{path}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"{dash}/>\n"));
            if (s.Markers)
            {
                foreach (var p in pts)
                {
                    svg.Append(Inv($"<circle cx=\"{X(p.X):0.##}\" cy=\"{Y(p.Y):0.##}\" r=\"4\" fill=\"{s.Color}\"/>"));
                }

                svg.Append('\n');
            }
        }

        var legendX = Width - Right - 10;
        for (var i = 0; i < panel.Series.Count; i++)
        {
            var s = panel.Series[i];
            var y = top + 16 + (i * 16);
            var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(Inv($"<line x1=\"{legendX - 250}\" y1=\"{y - 4}\" x2=\"{legendX - 225}\" y2=\"{y - 4}\" stroke=\"{s.Color}\" stroke-width=\"2\"{dash}/>"));
            svg.Append(Inv($"<text x=\"{legendX - 220}\" y=\"{y}\">{Esc(s.Name)}</text>\n"));
        }
    }

    /// <summary>About five ticks on 1, 2 or 5 times a power of ten, covering [min, max].</summary>
    private static List<double> Ticks(double min, double max)
    {
        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Floor(min / step) * step; t <= max + (step * 0.999); t += step)
        {
            ticks.Add(Math.Round(t / step) * step);
        }

        return ticks;
    }

    private static string Label(double value)
    {
        var abs = Math.Abs(value);
        return abs >= 1e6 || (abs < 1e-3 && abs > 0)
            ? value.ToString("0.#e0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string Esc(string text) => SecurityElement.Escape(text) ?? "";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
