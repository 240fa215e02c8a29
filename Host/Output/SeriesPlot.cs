using EventSpike.Neurons.Series;
using ScottPlot;

namespace EventSpike.Host.Output;

/// <summary>
/// Rockpool's <c>plot</c> for a time series, as a PNG: a raster (one dot per event, channel on the
/// y axis) for a TSEvent; for a TSContinuous, one panel drawn as <c>traces.png</c> is (<see cref="TracePlot"/>:
/// true values, at most a few channels, the unit when the name <c>layer.variable</c> says it).
/// Written under a temporary name and renamed when whole.
/// </summary>
public static class SeriesPlot
{
    public static void Save(TimeSeries series, string path, int width = 1000, int height = 600)
    {
        if (series is TSContinuous continuous)
        {
            TracePlot.Write(path, [Panel(continuous)], continuous.TStop);
            return;
        }
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

    /// <summary>A TSContinuous as one trace panel: evenly spaced channels, thinned samples.</summary>
    public static TracePanel Panel(TSContinuous signal)
    {
        var columns = TracePanel.Columns(signal.NumChannels, TracePlot.MaxNeuronsPerPanel);
        var stride = TracePlot.Stride(signal.Count);
        var rows = Enumerable.Range(0, (signal.Count + stride - 1) / stride).Select(r => r * stride).ToArray();
        var name = string.IsNullOrEmpty(signal.Name) ? "TSContinuous" : signal.Name;
        var dot = name.LastIndexOf('.');
        return new TracePanel(name, RunRecording.StateUnit(dot >= 0 ? name[(dot + 1)..] : name), columns, signal.NumChannels,
            rows.Select(r => signal.Times[r]).ToArray(),
            columns.Select(c => rows.Select(r => signal.SampleAt(r, c)).ToArray()).ToArray(), stride) { Line = "channel" };
    }
}
