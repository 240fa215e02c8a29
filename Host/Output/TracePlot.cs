using System.Globalization;
using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Draws <c>traces.png</c>: one panel per probed variable (<c>layer.variable</c>), stacked, sharing a time
/// axis in seconds. Each panel shows the true values of at most <see cref="MaxNeuronsPerPanel"/> neurons
/// (not staggered: the y axis is the variable in its unit), one line each, with the legend beside the data
/// in the same margin as <c>raster.png</c>'s; the title says "showing N of M neurons" when there are more,
/// and "every k-th sample" when a long run is thinned to about <see cref="MaxPointsPerLine"/> points a line.
/// <c>inspect FILE.npz --plot</c> draws a TSContinuous the same way (one panel).
/// </summary>
public static class TracePlot
{
    public const int MaxNeuronsPerPanel = 8;

    public const int MaxPointsPerLine = 5_000;

    public const int Width = 1200, PanelHeight = 320, SinglePanelHeight = 500;

    /// <summary>The same margins as the raster's: room for the axes, and the legend beside the data.</summary>
    private static readonly PixelPadding Padding = new(left: 120, right: 250, bottom: 50, top: 40);

    /// <summary>The picture's height for <paramref name="panels"/> panels.</summary>
    public static int Height(int panels) => panels <= 1 ? SinglePanelHeight : PanelHeight * panels;

    /// <summary>Every k-th sample, so that a line has at most <see cref="MaxPointsPerLine"/> points.</summary>
    public static int Stride(long samples) => samples > MaxPointsPerLine ? (int)Math.Ceiling(samples / (double)MaxPointsPerLine) : 1;

    /// <summary>Writes <paramref name="panels"/> into <paramref name="path"/> (under a temporary name, renamed when whole).</summary>
    public static void Write(string path, IReadOnlyList<TracePanel> panels, double duration, string? title = null)
    {
        var plots = new List<Plot>();
        for (var i = 0; i < panels.Count; i++)
        {
            var plot = new Plot();
            Draw(plot, panels[i], duration, i == 0 ? title : null, xLabel: i == panels.Count - 1);
            plots.Add(plot);
        }
        var height = Height(panels.Count);
        if (plots.Count == 1)
        {
            Save(path, file => plots[0].SavePng(file, Width, height));
            return;
        }
        var multiplot = new Multiplot();
        foreach (var existing in multiplot.GetPlots()) multiplot.RemovePlot(existing);
        foreach (var plot in plots) multiplot.AddPlot(plot);
        var rows = new ScottPlot.MultiplotLayouts.DraggableRows();
        rows.SetHeights(plots.Select(_ => (float)PanelHeight).ToArray());
        multiplot.Layout = rows;
        multiplot.SharedAxes.ShareX(plots);
        Save(path, file => multiplot.SavePng(file, Width, height));
    }

    private static void Draw(Plot plot, TracePanel panel, double duration, string? title, bool xLabel)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var j = 0; j < panel.Neurons.Count; j++)
        {
            if (panel.Times.Length == 0) break;
            var line = plot.Add.ScatterLine(panel.Times, panel.Values[j], palette.GetColor(j));
            line.LineWidth = 1.5f;
            line.LegendText = panel.Line + " " + panel.Neurons[j].ToString(CultureInfo.InvariantCulture);
        }
        if (panel.Times.Length == 0) plot.Add.Annotation("no samples", Alignment.MiddleCenter);
        plot.Title((title is null ? "" : title + ": ") + panel.Title + Notes(panel));
        plot.YLabel(panel.AxisLabel);
        if (xLabel) plot.XLabel("time (s)");
        plot.Axes.SetLimitsX(0, Math.Max(duration, panel.Times.Length > 0 ? panel.Times[^1] : 0) + 1e-12);
        if (panel.Times.Length > 0) plot.Axes.AutoScaleY();
        plot.ShowLegend(Edge.Right); // beside the data, never over it
        plot.Layout.Fixed(Padding);
    }

    /// <summary>"(showing 8 of 100 neurons, every 3rd sample)", or nothing when all is drawn.</summary>
    private static string Notes(TracePanel panel)
    {
        var notes = new List<string>();
        if (panel.Neurons.Count < panel.TotalNeurons)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"showing {panel.Neurons.Count} of {panel.TotalNeurons:N0} {panel.Line}s"));
        if (panel.SampleStride > 1) notes.Add($"every {Ordinal(panel.SampleStride)} sample");
        return notes.Count == 0 ? "" : " (" + string.Join(", ", notes) + ")";
    }

    private static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static void Save(string path, Action<string> save)
    {
        var temp = AtomicFile.TemporaryPathFor(path) + ".png";
        try
        {
            save(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }
}
