using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Draws <c>raster.png</c>: one dot per spike (time, neuron), the recorded layers stacked from the
/// first at the bottom, separated by lines and labelled. At most <see cref="MaxDots"/> dots are drawn
/// (an even thinning beyond that, said in the title).
/// </summary>
public static class RasterPlot
{
    public const int MaxDots = 400_000;

    public static void Write(string path, IReadOnlyList<RecordedSpikes> layers, double dt, double duration, string title)
    {
        var plot = new Plot();
        var total = layers.Sum(l => l.Count);
        var stride = total > MaxDots ? (int)Math.Ceiling(total / (double)MaxDots) : 1;
        var offset = 0;
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var xs = new List<double>();
            var ys = new List<double>();
            for (var s = 0; s < layer.Count; s += stride)
            {
                xs.Add(layer.TimeSteps[s] * dt);
                ys.Add(offset + layer.Neurons[s]);
            }
            if (xs.Count > 0)
            {
                var dots = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), palette.GetColor(i));
                dots.MarkerSize = 2;
                dots.LegendText = $"{layer.Name} ({layer.Count} spikes)";
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
