using System.Globalization;
using System.Text;
using System.Text.Json;
using EventSpike.Neurons.IO;
using EventSpike.Routing.Nir;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Builder;

public sealed partial class NetworkBuilder
{
    /// <summary>
    /// The description <c>eventspike run</c> compiles, as <c>run</c> reads it from the file this builder saves:
    /// a missing dt or duration is NaN (the command line gives it), <paramref name="path"/> names the places in messages.
    /// </summary>
    public NetworkSpec ToSpec(string path = "network")
    {
        var layers = _layers.Select((l, i) => new LayerSpec(l.Name, l.Type, l.Size, l.Parameters ?? new Dictionary<string, JsonElement>())
        {
            Where = $"{path}: layers[{i}]", Dt = l.Dt, Backend = l.Backend, Node = Node(l, path, i),
            Sensor = l.Sensor is { } sensor ? SensorObject.Parse(sensor, $"{path}: layers[{i}].sensor") : null,
        }).ToList();
        var connections = _connections.Select((c, i) => new ConnectionSpec(c.From, c.To, c.Weights, Delay(c, path, i), c.Port)
        {
            Where = $"{path}: connections[{i}]", DelayDistribution = c.Delay is { ValueKind: JsonValueKind.Object } d ? d : null,
        }).ToList();
        var probes = _probes.Select((p, i) => new ProbeSpec(p.Layer, p.Variable, p.Neurons, p.Interval) { Where = $"{path}: probes[{i}]" }).ToList();
        return new NetworkSpec(Name, Dt ?? double.NaN, Duration ?? double.NaN, Seed, layers, connections, _record, Window) { Probes = probes };
    }

    /// <summary>The network file's text (EventSpike's format, indented).</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), NetworkJsonContext.Default.NetworkDocument);

    /// <summary>Writes the network file (whole or not at all): <c>eventspike run PATH</c> runs it as it is.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    /// <summary>
    /// Reads a network file as <c>eventspike run</c> does: EventSpike's format, Rockpool's <c>Network.save</c> / <c>save_layer</c>
    /// layout, or a NIR graph (<c>.nir</c>, HDF5) converted as <c>run MODEL.nir</c> converts it, with <c>run</c>'s options:
    /// <paramref name="dt"/> (<c>--dt</c>, required for a NIR graph: it has no step), <paramref name="nirReset"/> (<c>--nir-reset</c>
    /// "zero" or "subtract"), <paramref name="nirMethod"/> (<c>--nir-method</c> "exact" or "euler"), <paramref name="nirSpikes"/>
    /// (<c>--nir-spikes</c> "value" or "delta"). The NIR options are ignored for JSON files.
    /// </summary>
    public static NetworkBuilder Load(string path, double? dt = null, string nirReset = "zero", string nirMethod = "exact", string nirSpikes = "value")
    {
        if (!File.Exists(path)) throw new NetworkSpecException(Directory.Exists(path) ? $"{path}: is a folder, not a network file" : $"{path}: network file not found");
        return NirFile.Looks(path) ? LoadNir(path, NirOptions(path, dt, nirReset, nirMethod, nirSpikes)) : Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a NIR graph converted with <paramref name="options"/> (NirConverter, as <c>run</c>); its warnings are in <see cref="Warnings"/>.</summary>
    public static NetworkBuilder LoadNir(string path, NirImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var result = NirConverter.ToNetwork(NirFile.Read(path), options, Path.GetFileNameWithoutExtension(path), path);
            var builder = Parse(result.Network.ToJsonString(), path);
            builder.Warnings = result.Warnings;
            return builder;
        }
        catch (NirFormatException e)
        {
            throw new NetworkSpecException(e.Message);
        }
    }

    /// <summary>What reading the file warned about (a NIR conversion's approximations); empty otherwise.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    private static NirImportOptions NirOptions(string path, double? dt, string reset, string method, string spikes)
    {
        if (dt is not { } step || !(step > 0 && double.IsFinite(step))) throw new NetworkSpecException($"{path}: dt: a NIR graph has no step; give dt (seconds, e.g. dt: 0.0001), got {dt?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        if (!NirImportOptions.Resets.Contains(reset)) throw new NetworkSpecException($"{path}: nirReset must be {string.Join(" or ", NirImportOptions.Resets)}, got '{reset}'");
        if (!NirImportOptions.Methods.Contains(method)) throw new NetworkSpecException($"{path}: nirMethod must be {string.Join(" or ", NirImportOptions.Methods)}, got '{method}'");
        if (!NirImportOptions.SpikeForms.Contains(spikes)) throw new NetworkSpecException($"{path}: nirSpikes must be {string.Join(" or ", NirImportOptions.SpikeForms)}, got '{spikes}'");
        return new NirImportOptions(step, reset, method, spikes);
    }

    /// <summary>Reads a network file's text; <paramref name="path"/> names it in messages. Errors are <see cref="NetworkSpecException"/>s naming the place.</summary>
    public static NetworkBuilder Parse(string json, string path = "network") => Parse(Encoding.UTF8.GetBytes(json), path);

    /// <inheritdoc cref="Parse(string, string)"/>
    public static NetworkBuilder Parse(byte[] utf8, string path = "network")
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new NetworkSpecException($"{path}: the network must be a JSON object");
            if (RockpoolLayout.Matches(doc.RootElement)) return RockpoolLayout.Read(doc.RootElement, path);
            var document = doc.RootElement.Deserialize(NetworkJsonContext.Default.NetworkDocument)
                ?? throw new NetworkSpecException($"{path}: the network must be a JSON object");
            // As run: a file without a name is called after itself.
            return FromDocument(document.Name is null ? document with { Name = Path.GetFileNameWithoutExtension(path) } : document);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') + ": " : "";
            var at = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: " : "";
            throw new NetworkSpecException($"{path}: {at}{where}{e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
    }

    private static double Delay(ConnectionDocument c, string path, int i) => c.Delay switch
    {
        null or { ValueKind: JsonValueKind.Object } => 0.0,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        var other => throw new NetworkSpecException($"{path}: connections[{i}].delay: a delay is seconds or a distribution object, got {other.Value.GetRawText()}"),
    };

    private static string? Node(LayerDocument l, string path, int i) => l.Node switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var index) && index >= 0 => index.ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } s when s.GetString()!.Contains(':') => s.GetString(),
        var other => throw new NetworkSpecException($"{path}: layers[{i}].node: node must be a worker index (0, 1, ...) or \"HOST:PORT\", got {other.Value.GetRawText()}"),
    };
}
