using EventSpike.Host.Output;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;

namespace EventSpike.Host.Cli;

/// <summary><c>inspect</c> of an <c>.npz</c> time series (Rockpool's TSEvent or TSContinuous layout).</summary>
internal static class InspectSeries
{
    public static Dictionary<string, object?> File(string path, string? plot)
    {
        TimeSeries series;
        try
        {
            series = TimeSeries.Load(path);
        }
        catch (NpyFormatException e)
        {
            throw new InputException(e.Message);
        }
        if (plot is not null) SeriesPlot.Save(series, plot);
        return new Dictionary<string, object?>
        {
            ["kind"] = "timeseries",
            ["str_type"] = series.TypeName,
            ["name"] = series.Name,
            ["num_channels"] = series switch { TSEvent e => e.NumChannels, TSContinuous c => c.NumChannels, _ => 0 },
            ["t_start"] = series.TStart,
            ["t_stop"] = series.TStop,
            [series is TSEvent ? "events" : "samples"] = series.Count,
            ["periodic"] = series.Periodic,
        };
    }
}
