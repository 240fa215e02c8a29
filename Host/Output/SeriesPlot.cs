using EventSpike.Neurons.Series;
using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Rockpool's <c>plot</c> for a time series, as a PNG: a raster (one dot per event, channel on the
/// y axis) for a TSEvent; one trace per channel, staggered upwards so that they do not overlap, for
/// a TSContinuous. Written under a temporary name and renamed when whole.
/// </summary>
public static class SeriesPlot
{
    public static void Save(TimeSeries series, string path, int width = 1000, int height = 600)
    {
        var plot = new Plot();
        switch (series)
        {
            case TSEvent events:
                if (events.Count > 0)
                {
                    var dots = plot.Add.ScatterPoints(events.Times.ToArray(), events.Channels.Select(c => (double)c).ToArray());
                    dots.MarkerSize = 3;
                }
                plot.YLabel("channel");
                plot.Axes.SetLimits(events.TStart, Math.Max(events.TStop, events.TStart + 1e-9), -0.5, Math.Max(events.NumChannels, 1) - 0.5);
                break;
            case TSContinuous signal:
                var times = signal.Times.ToArray();
                var offset = 0.0;
                var span = Math.Max(1e-12, (double.IsNaN(signal.Max) ? 0 : signal.Max) - (double.IsNaN(signal.Min) ? 0 : signal.Min));
                for (var c = 0; c < signal.NumChannels; c++)
                {
                    var ys = Enumerable.Range(0, signal.Count).Select(i => signal.SampleAt(i, c) + offset).ToArray();
                    if (times.Length > 0) plot.Add.ScatterLine(times, ys).LegendText = $"channel {c}";
                    offset += 1.1 * span;
                }
                plot.YLabel("value (channels staggered)");
                break;
        }
        plot.XLabel("time (s)");
        plot.Title($"{series.Name} ({series.GetType().Name})");
        var temp = AtomicFile.TemporaryPathFor(path) + ".png";
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }
}
