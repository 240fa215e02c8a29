using System.Text.Json;
using EventSpike.Host.Cli;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// Applies <c>--input LAYER=FILE</c>: a Rockpool <c>.npz</c> time series feeds a layer. A source
/// layer (one that takes no input, e.g. a Poisson generator) is replaced by the file's events; any
/// other layer gets a new source layer <c>LAYER.input</c> replaying the file, connected one-to-one
/// with weight 1 to its first port of the matching kind (spikes for a TSEvent, a continuous port for
/// a TSContinuous). Recorded layers stay those of the network file.
/// </summary>
public static class InputFiles
{
    /// <param name="contents">The files' bytes in the order of <paramref name="inputs"/>, as the coordinator of a cluster run
    /// read them (a worker opens no path a run names); null: read each file here.</param>
    public static NetworkSpec Apply(NetworkSpec spec, IReadOnlyList<string> inputs, IReadOnlyList<byte[]>? contents = null)
    {
        if (inputs.Count == 0) return spec;
        var record = spec.Record ?? spec.Layers.Select(l => l.Name).ToList();
        var layers = spec.Layers.ToList();
        var connections = spec.Connections.ToList();
        var fed = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < inputs.Count; k++)
        {
            var input = inputs[k];
            var eq = input.IndexOf('=');
            if (eq <= 0 || eq == input.Length - 1) throw new InputException($"--input {input}: expected LAYER=FILE");
            var name = input[..eq];
            var path = input[(eq + 1)..];
            var index = layers.FindIndex(l => l.Name == name);
            if (index < 0) throw new InputException($"--input {input}: the network has no layer '{name}'; layers: {string.Join(", ", spec.Layers.Select(l => l.Name))}");
            if (!fed.Add(name)) throw new InputException($"--input {input}: layer '{name}' is given two inputs");
            var series = contents is null ? Load(path) : Parse(contents[k], path);
            var layer = layers[index];
            // An unknown type is not a source here: the compiler reports it with the network file's context.
            if (ModelCatalog.TryDescribe(layer.Type, out var info) && info.IsSource)
            {
                if (layer.Type == Neurons.Models.Nir.NirInput.TypeName && series is TSContinuous samples)
                {
                    // A NIR input carries values: a continuous series feeds them as they are.
                    if (samples.NumChannels != layer.Size)
                        throw new InputException($"--input {input}: {path} has {samples.NumChannels} channels, NIR input '{name}' takes {layer.Size}");
                    layers[index] = layer with { Prebuilt = new SignalReplay(samples, spec.Dt) };
                    continue;
                }
                if (series is not TSEvent events)
                    throw new InputException($"--input {input}: '{name}' is a spike source; {path} holds a TSContinuous, not a TSEvent");
                if (events.NumChannels > layer.Size)
                    throw new InputException($"--input {input}: {path} has {events.NumChannels} channels, layer '{name}' has {layer.Size} neurons");
                layers[index] = layer with { Prebuilt = new EventReplay(events, layer.Size, spec.Dt) };
                continue;
            }
            var sourceName = name + ".input";
            var (model, size) = series switch
            {
                TSEvent e => ((ILayerModel)new EventReplay(e, e.NumChannels, spec.Dt), e.NumChannels),
                TSContinuous c => (new SignalReplay(c, spec.Dt), c.NumChannels),
                _ => throw new InputException($"--input {input}: {path} is neither a TSEvent nor a TSContinuous"),
            };
            if (size == 0) throw new InputException($"--input {input}: {path} has no channels");
            layers.Add(new LayerSpec(sourceName, model.ClassName, size, new Dictionary<string, JsonElement>()) { Prebuilt = model, Where = $"--input {input}" });
            connections.Add(new ConnectionSpec(sourceName, name, JsonSerializer.SerializeToElement(new { generator = "one_to_one", weight = 1.0 }), 0.0, null)
            {
                Where = $"--input {input}",
            });
        }
        return spec with { Layers = layers, Connections = connections, Record = record };
    }

    /// <summary>The latest t_stop among the input files (Rockpool's default evolve duration), or null without inputs.</summary>
    public static double? LatestEnd(IReadOnlyList<string> inputs)
    {
        double? end = null;
        foreach (var input in inputs)
        {
            var eq = input.IndexOf('=');
            if (eq <= 0) continue;
            var t = Load(input[(eq + 1)..]).TStop;
            end = end is null ? t : Math.Max(end.Value, t);
        }
        return end;
    }

    /// <summary>The bytes of every <c>--input</c> file, read once (a cluster run ships them to its workers).</summary>
    public static IReadOnlyList<byte[]> ReadAll(IReadOnlyList<string> inputs) => inputs.Select(input =>
    {
        var path = input[(input.IndexOf('=') + 1)..];
        if (!File.Exists(path)) throw new InputException($"{path}: input file not found");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the input file: {e.Message}");
        }
    }).ToList();

    private static TimeSeries Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: input file not found");
        try
        {
            return TimeSeries.Load(path);
        }
        catch (NpyFormatException e)
        {
            throw new InputException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException)
        {
            throw new InputException($"{path}: not a readable time series: {e.Message}");
        }
    }

    /// <summary>A series from a file's bytes; <paramref name="path"/> names it in errors.</summary>
    private static TimeSeries Parse(byte[] bytes, string path)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return TimeSeries.Load(stream, path);
        }
        catch (NpyFormatException e)
        {
            throw new InputException(e.Message);
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException or InvalidDataException)
        {
            throw new InputException($"{path}: not a readable time series: {e.Message}");
        }
    }
}
