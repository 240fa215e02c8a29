using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Draws <c>raster.png</c> from the journal: one dot per spike (time, neuron), the recorded layers
/// stacked from the first at the bottom, separated by lines and labelled with their spike counts.
/// At most about <see cref="MaxDots"/> dots are drawn: beyond that each layer keeps every k-th of its
/// spikes, k = ⌈total / MaxDots⌉ (said in the title), so the plot's memory is bounded however long
/// the run; a run with fewer spikes gets every spike, a faithful raster.
/// </summary>
public static class RasterPlot
{
    public const int MaxDots = 400_000;

    public static void Write(string path, IReadOnlyList<RecordedLayer> layers, JournalReader journal, JournalCounts counts,
        double dt, double duration, string title)
    {
        var plot = new Plot();
        var total = layers.Sum(l => counts.Spikes(l.Layer));
        var stride = total > MaxDots ? (int)Math.Ceiling(total / (double)MaxDots) : 1;
        var dots = Dots(layers, journal, dt, stride);
        var offset = 0;
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var (xs, ys) = dots[i];
            if (xs.Count > 0)
            {
                var scatter = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette.GetColor(i));
                scatter.MarkerSize = 2;
                scatter.LegendText = $"{layer.Name} ({counts.Spikes(layer.Layer)} spikes)";
            }
            offset += layer.Size;
            if (i < layers.Count - 1)
            {
                var line = plot.Add.HorizontalLine(offset - 0.5);
                line.LineColor = Colors.Gray;
                line.LineWidth = 1;
            }
        }
        plot.Axes.SetLimits(0, duration, -0.5, Math.Max(offset, 1) - 0.5);
        plot.XLabel("time (s)");
        plot.YLabel("neuron (layers stacked)");
        plot.Title(stride > 1 ? $"{title} (every {stride}th spike)" : title);
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>Each layer's dots: every <paramref name="stride"/>-th of its spikes from its first, at (time, stacked neuron).</summary>
    private static (List<double> Xs, List<double> Ys)[] Dots(IReadOnlyList<RecordedLayer> layers, JournalReader journal, double dt, int stride)
    {
        var dots = layers.Select(_ => (new List<double>(), new List<double>())).ToArray();
        var index = new Dictionary<int, int>();
        var offsets = new int[layers.Count];
        for (int i = 0, offset = 0; i < layers.Count; offset += layers[i].Size, i++)
        {
            index[layers[i].Layer] = i;
            offsets[i] = offset;
        }
        var seen = new long[layers.Count];
        journal.Read(spikes: (step, layer, neurons) =>
        {
            if (!index.TryGetValue(layer, out var i)) return;
            var t = (step + 1) * dt;
            foreach (var n in neurons)
                if (seen[i]++ % stride == 0)
                {
                    dots[i].Item1.Add(t);
                    dots[i].Item2.Add(offsets[i] + n);
                }
        });
        return dots;
    }

    private static void Save(Plot plot, string path)
    {
        var temp = AtomicFile.TemporaryPathFor(path) + ".png";
        try
        {
            plot.SavePng(temp, 1200, 800);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }
}
