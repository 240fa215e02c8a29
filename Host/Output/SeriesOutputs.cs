using EventSpike.Neurons.Series;

namespace EventSpike.Host.Output;

/// <summary>
/// Writes each recorded layer as <c>DIR/LAYER.npz</c> in Rockpool's layout: a TSEvent of its spikes
/// (times (k+1)·dt, t_start 0, t_stop n·dt, num_channels = size), or a TSContinuous of its output.
/// Each file is written under a temporary name and renamed when whole.
/// </summary>
public static class SeriesOutputs
{
    public static void Write(string dir, IEnumerable<RecordedSpikes> layers, double dt, long steps)
    {
        foreach (var layer in layers)
        {
            TimeSeries series = layer.Samples is { } samples
                ? WholeRun(samples.Build(steps - 1))
                : new TSEvent(layer.TimeSteps.Select(s => s * dt).ToArray(), layer.Neurons.ToArray(), false, 0.0, steps * dt, layer.Name, layer.Size);
            series.Save(Path.Combine(dir, FileName(layer.Name)));
        }
    }

    /// <summary>A continuous output spans the whole run, [0, n·dt], its samples stamped at the end of their steps.</summary>
    private static TSContinuous WholeRun(TSContinuous series)
    {
        series.TStart = 0;
        return series;
    }

    /// <summary>The layer's name made safe for a file name.</summary>
    public static string FileName(string layer) =>
        string.Concat(layer.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".npz";
}
