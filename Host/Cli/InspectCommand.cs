using System.Text.Json;
using EventSpike.Host.NetworkFiles;
using EventSpike.Host.Output;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike inspect FILE [--json] [--plot PNG]</c>: what a file holds. An <c>.npz</c> time
/// series gives <c>kind</c>, <c>str_type</c>, <c>num_channels</c>, <c>t_start</c>, <c>t_stop</c>
/// (and its events or samples); a network file gives <c>kind</c> and its layers (names, types,
/// sizes). <c>--json</c> prints one JSON object on one line.
/// </summary>
public static class InspectCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var a = new ParsedArguments("inspect", args, ["plot"], ["json"]);
        if (a.Positional.Count != 1) throw new InputException("usage: eventspike inspect FILE [--json] [--plot PNG]");
        var path = a.Positional[0];
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        Dictionary<string, object?> info;
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
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
            info = new Dictionary<string, object?>
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
            if (a.Value("plot") is { } png) SeriesPlot.Save(series, png);
        }
        else if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var spec = NetworkFile.Load(path);
            if (double.IsNaN(spec.Duration)) spec = spec with { Duration = spec.Dt };
            CompiledNetwork network;
            try
            {
                network = NetworkCompiler.Compile(spec);
            }
            catch (NetworkSpecException e)
            {
                throw new InputException($"{path}: {e.Message}");
            }
            info = new Dictionary<string, object?>
            {
                ["kind"] = "network",
                ["name"] = network.Name,
                ["dt"] = network.Dt,
                ["layers"] = network.Layers.Select(l => new Dictionary<string, object>
                {
                    ["name"] = l.Name, ["type"] = l.Model.ClassName, ["size"] = l.Size,
                    ["output"] = l.Model.OutputKind.ToString().ToLowerInvariant(),
                }).ToList(),
                ["connections"] = network.Connections.Count,
                ["synapses"] = network.SynapseCount,
                ["window_steps"] = network.Plan.WindowSteps,
            };
        }
        else
            throw new InputException($"{path}: not a format inspect reads yet (.npz time series, .json networks)");

        if (a.Flag("json")) stdout.WriteLine(JsonSerializer.Serialize(info));
        else foreach (var (key, value) in info) stdout.WriteLine($"{key}: {(value is string or null ? value : JsonSerializer.Serialize(value))}");
        return ExitCodes.Done;
    }
}
