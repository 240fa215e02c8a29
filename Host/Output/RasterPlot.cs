using System.Globalization;
using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Draws <c>raster.png</c> from the journal: one dot per spike (time, neuron), each recorded layer in a
/// band of its own, from the first at the bottom. A band is as tall as the layer has neurons, but never
/// less than <see cref="MinBandShare"/> of the plot, so a 10-neuron readout beside 1,000 neurons stays
/// readable; bands are labelled with the layer's name and size. At most about <see cref="MaxDots"/> dots
/// are drawn: beyond that each layer keeps every k-th of its spikes (said in the title), so memory is
/// bounded however long the run. A long or dense run, where a raster becomes a solid block, also gets a
/// population-rate panel per layer underneath (spikes per neuron per second in <see cref="RateBins"/> bins).
/// </summary>
public static class RasterPlot
{
    public const int MaxDots = 400_000;

    /// <summary>The smallest share of the plot's height a layer's band gets.</summary>
    public const double MinBandShare = 0.08;

    public const int RateBins = 400;  // at most; a bin is never shorter than 10 ms

    /// <summary>Room around the data for the axes and the legend beside it, the same in both panels.</summary>
    private static readonly PixelPadding Padding = new(left: 120, right: 250, bottom: 50, top: 40);

    /// <summary>Runs with more spikes than this, or more steps, get the rate panel.</summary>
    private const long DenseSpikes = 50_000, LongSteps = 20_000;

    public static void Write(string path, IReadOnlyList<RecordedLayer> layers, JournalReader journal, JournalCounts counts,
        double dt, double duration, string title)
    {
        var total = layers.Sum(l => counts.Spikes(l.Layer));
        var stride = total > MaxDots ? (int)Math.Ceiling(total / (double)MaxDots) : 1;
        var bands = RasterBands.For(layers.Select(l => l.Size).ToList(), MinBandShare);
        var withRates = total > DenseSpikes || duration / dt > LongSteps;
        // Bins of at least 10 ms (and a step), at most RateBins of them.
        var bins = withRates ? Math.Max(1, (int)Math.Min(RateBins, Math.Floor(duration / Math.Max(0.01, dt)))) : 0;
        var (dots, rates) = Read(layers, journal, bands, dt, duration, stride, bins);
        var raster = new Plot();
        Draw(raster, layers, counts, bands, dots, duration);
        raster.Title(stride > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{title} (showing 1 in {stride} spikes of {total:N0})")
            : title);
        if (total == 0) raster.Add.Annotation("no spikes", Alignment.MiddleCenter);
        if (!withRates)
        {
            Save(path, file => raster.SavePng(file, 1200, 800));
            return;
        }
        var rate = new Plot();
        DrawRates(rate, layers, rates, duration);
        var multiplot = new Multiplot();
        foreach (var existing in multiplot.GetPlots()) multiplot.RemovePlot(existing);
        multiplot.AddPlot(raster);
        multiplot.AddPlot(rate);
        var rows = new ScottPlot.MultiplotLayouts.DraggableRows();
        rows.SetHeights([680, 320]);
        multiplot.Layout = rows;
        multiplot.SharedAxes.ShareX([raster, rate]);
        Save(path, file => multiplot.SavePng(file, 1200, 1000));
    }

    private static void Draw(Plot plot, IReadOnlyList<RecordedLayer> layers, JournalCounts counts, RasterBands bands,
        (List<double> Xs, List<double> Ys)[] dots, double duration)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < layers.Count; i++)
        {
            var color = palette.GetColor(i);
            if (dots[i].Xs.Count > 0)
            {
                var scatter = plot.Add.ScatterPoints(dots[i].Xs.ToArray(), dots[i].Ys.ToArray(), color);
                scatter.MarkerSize = 2;
            }
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = string.Create(CultureInfo.InvariantCulture, $"{layers[i].Name} ({counts.Spikes(layers[i].Layer):N0} spikes)"),
                MarkerShape = MarkerShape.FilledCircle, MarkerSize = 10, MarkerFillColor = color, MarkerLineColor = color,
            });
            if (i < layers.Count - 1)
            {
                var line = plot.Add.HorizontalLine(bands.Top(i));
                line.LineColor = Colors.Gray;
                line.LineWidth = 1;
            }
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < layers.Count; i++)
            ticks.AddMajor(bands.Centre(i), $"{layers[i].Name}\n{layers[i].Size} neurons");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimits(0, duration, 0, Math.Max(bands.Height, 1));
        plot.XLabel("time (s)");
        plot.YLabel("neurons, by layer");
        plot.ShowLegend(Edge.Right); // beside the data, never over it
        plot.Layout.Fixed(Padding);
    }

    private static void DrawRates(Plot plot, IReadOnlyList<RecordedLayer> layers, double[][] rates, double duration)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < layers.Count; i++)
        {
            if (rates[i].Length == 0) continue;
            var width = duration / rates[i].Length;
            var xs = Enumerable.Range(0, rates[i].Length).Select(b => (b + 0.5) * width).ToArray();
            var line = plot.Add.ScatterLine(xs, rates[i], palette.GetColor(i));
            line.LineWidth = 1.5f;
            line.LegendText = layers[i].Name;
        }
        plot.Axes.SetLimitsX(0, duration);
        plot.XLabel("time (s)");
        plot.YLabel("population rate (Hz)");
        plot.ShowLegend(Edge.Right);
        plot.Layout.Fixed(Padding); // the same data area as the raster's: their time axes line up
    }

    /// <summary>
    /// One pass over the journal: each layer's dots (every <paramref name="stride"/>-th spike, at its band's
    /// height) and its population rate in <paramref name="bins"/> bins (spikes / (neurons · bin width)).
    /// </summary>
    private static ((List<double> Xs, List<double> Ys)[] Dots, double[][] Rates) Read(IReadOnlyList<RecordedLayer> layers,
        JournalReader journal, RasterBands bands, double dt, double duration, int stride, int bins)
    {
        var dots = layers.Select(_ => (new List<double>(), new List<double>())).ToArray();
        var rates = layers.Select(_ => new double[bins]).ToArray();
        var index = new Dictionary<int, int>();
        for (var i = 0; i < layers.Count; i++) index[layers[i].Layer] = i;
        var seen = new long[layers.Count];
        journal.Read(spikes: (step, layer, neurons) =>
        {
            if (!index.TryGetValue(layer, out var i)) return;
            var t = (step + 1) * dt;
            if (bins > 0) rates[i][Math.Min(bins - 1, (int)(step * dt / duration * bins))] += neurons.Length;
            foreach (var n in neurons)
                if (seen[i]++ % stride == 0)
                {
                    dots[i].Item1.Add(t);
                    dots[i].Item2.Add(bands.Y(i, n));
                }
        });
        for (var i = 0; i < layers.Count && bins > 0; i++)
            for (var b = 0; b < bins; b++) rates[i][b] /= layers[i].Size * (duration / bins);
        return (dots, rates);
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
