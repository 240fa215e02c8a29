using System.Globalization;
using System.Text.Json;
using EventSpike.Actors.Api;
using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Builder;

/// <summary>
/// Builds a network from code with everything EventSpike's network format says (docs/network-format.md):
/// layers of every model type (typed methods for the common models, <see cref="Layer"/> for any), connections
/// with generators, weight and delay distributions, ports and recurrence, probes, recording, placement. It
/// produces the description <c>eventspike run</c> compiles (<see cref="ToSpec"/>, a <see cref="NetworkSpec"/>);
/// <see cref="Save"/> writes a file <c>run</c> runs as it is, <see cref="Load"/> reads every file <c>run</c> reads
/// (Rockpool's <c>Network.save</c> layout too); <see cref="Build"/> gives a <see cref="Network"/> to evolve in parts.
/// JSON goes through source-generated serializers only (<see cref="NetworkJsonContext"/>).
/// </summary>
public sealed partial class NetworkBuilder
{
    private readonly List<LayerDocument> _layers = [];
    private readonly List<ConnectionDocument> _connections = [];
    private readonly List<ProbeDocument> _probes = [];
    private List<string>? _record;

    /// <param name="name">The network's name (printed in <c>summary.json</c>).</param>
    /// <param name="dt">The base step (s).</param>
    /// <param name="duration">The run's length (s); null: <c>--duration</c> gives it.</param>
    /// <param name="seed">Every random stream derives from it.</param>
    /// <param name="window">Upper bound of the scheduler's window (s); null: 10 ms.</param>
    public NetworkBuilder(string name = "network", double? dt = 1e-4, double? duration = null, ulong seed = 0, double? window = null, string? description = null)
    {
        Name = name;
        Dt = dt;
        Duration = duration;
        Seed = seed;
        Window = window;
        Description = description;
    }

    public string Name { get; set; }
    public string? Description { get; set; }
    public double? Dt { get; set; }
    public double? Duration { get; set; }
    public ulong Seed { get; set; }
    public double? Window { get; set; }

    /// <summary>The layer <see cref="Build"/>'s network feeds with <see cref="Network.Evolve"/>'s input (a Rockpool file's <c>input_layer_name</c>); null: none. Not part of EventSpike's format (<c>run --input LAYER=FILE</c> says it there).</summary>
    public string? InputLayer { get; set; }

    public IReadOnlyList<LayerDocument> Layers => _layers;
    public IReadOnlyList<ConnectionDocument> Connections => _connections;
    public IReadOnlyList<ProbeDocument> Probes => _probes;

    /// <summary>The recorded layers; null: all.</summary>
    public IReadOnlyList<string>? Recorded => _record;

    /// <summary>
    /// Adds a layer of any model type (<c>eventspike models</c> lists them) with its parameters: numbers, lists of
    /// <paramref name="size"/> numbers (one per neuron), matrices (<c>double[,]</c>), booleans, strings or JSON values.
    /// </summary>
    /// <param name="dt">The layer's own step, a whole multiple of the network's.</param>
    /// <param name="node">Cluster runs: the worker hosting it, an index (<c>"0"</c>) or <c>"HOST:PORT"</c>.</param>
    /// <param name="backend">What computes it: <c>"cpu"</c>, <c>"cuda"</c>, <c>"ilgpu-cpu"</c>, ...</param>
    public LayerHandle Layer(string name, string type, int size, IReadOnlyDictionary<string, object?>? parameters = null,
        double? dt = null, string? node = null, string? backend = null, string? description = null)
    {
        if (_layers.Any(l => l.Name == name)) throw new ArgumentException($"a layer named '{name}' exists already", nameof(name));
        if (size < 1) throw new ArgumentException($"layer '{name}': size must be ≥ 1, got {size}", nameof(size));
        if (!ModelCatalog.IsKnown(type)) throw new ArgumentException($"layer '{name}': unknown layer type '{type}'; known: {string.Join(", ", ModelCatalog.Names)}", nameof(type));
        var ps = parameters?.ToDictionary(p => p.Key, p => JsonElements.Of(p.Value), StringComparer.Ordinal);
        _layers.Add(new LayerDocument
        {
            Name = name, Type = type, Size = size, Parameters = ps is { Count: > 0 } ? ps : null, Dt = dt, Backend = backend, Description = description,
            Node = node is null ? null : int.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? JsonElements.Of(index) : JsonElements.Of(node),
        });
        return new LayerHandle(name, type, size);
    }

    /// <summary>Sets (or replaces) one parameter of a layer: a number, a list of one value per neuron, a matrix, ...</summary>
    public NetworkBuilder Set(string layer, string parameter, object? value)
    {
        var i = IndexOf(layer);
        var ps = new Dictionary<string, JsonElement>(_layers[i].Parameters ?? [], StringComparer.Ordinal) { [parameter] = JsonElements.Of(value) };
        _layers[i] = _layers[i] with { Parameters = ps };
        return this;
    }

    /// <summary>
    /// Says that <paramref name="layer"/> is fed by an event sensor when <c>eventspike stream</c> runs the file (its <c>"sensor"</c>
    /// object, docs/network-format.md): a <paramref name="width"/> × <paramref name="height"/> sensor, the kept square
    /// <paramref name="crop"/> <c>[x0, y0, x1, y1]</c> (x1, y1 exclusive; null: all), <paramref name="pool"/> pixels per channel
    /// across and down (null: 1 × 1), <paramref name="polarity"/> <c>"split"</c> (OFF and ON on separate halves) or <c>"merge"</c>.
    /// </summary>
    public NetworkBuilder Sensor(string layer, int width, int height, (int X0, int Y0, int X1, int Y1)? crop = null, (int X, int Y)? pool = null, string? polarity = null)
    {
        var i = IndexOf(layer);
        var o = new Dictionary<string, object?> { ["width"] = width, ["height"] = height };
        if (crop is var (x0, y0, x1, y1)) o["crop"] = new[] { x0, y0, x1, y1 };
        if (pool is var (px, py)) o["pool"] = new[] { px, py };
        if (polarity is not null) o["polarity"] = polarity;
        _layers[i] = _layers[i] with { Sensor = JsonElements.Of(o) };
        return this;
    }

    /// <summary>
    /// Connects <paramref name="from"/> to <paramref name="to"/> (the same layer: a recurrent connection, delay ≥ one step).
    /// </summary>
    /// <param name="delay">Seconds, rounded to whole steps.</param>
    /// <param name="port">The target's input port (e.g. <c>"exc"</c>, <c>"inh"</c>); null: its first of the kind the source emits.</param>
    /// <param name="delays">Per-synapse delays instead of <paramref name="delay"/>: e.g. <c>new Dictionary&lt;string, object?&gt; { ["mean"] = 0.0016, ["std"] = 0.00075, ["min"] = 0.0002 }</c>.</param>
    public NetworkBuilder Connect(string from, string to, Weights weights, double delay = 0, string? port = null, string? description = null,
        IReadOnlyDictionary<string, object?>? delays = null)
    {
        IndexOf(from);
        IndexOf(to);
        _connections.Add(new ConnectionDocument
        {
            From = from, To = to, Weights = weights.Json, Delay = delays is null ? JsonElements.Of(delay) : JsonElements.Of(delays), Port = port, Description = description,
        });
        return this;
    }

    /// <summary>Records state variable <paramref name="variable"/> of <paramref name="layer"/> (neurons: all when null; interval: every step when null).</summary>
    public NetworkBuilder Probe(string layer, string variable, int[]? neurons = null, double? interval = null)
    {
        IndexOf(layer);
        _probes.Add(new ProbeDocument { Layer = layer, Variable = variable, Neurons = neurons, Interval = interval });
        return this;
    }

    /// <summary>Writes the spikes of these layers only (by default every layer's are).</summary>
    public NetworkBuilder Record(params string[] layers)
    {
        foreach (var l in layers) IndexOf(l);
        _record = [.. layers];
        return this;
    }

    /// <summary>The network file's content, field by field.</summary>
    public NetworkDocument ToDocument() => new()
    {
        Name = Name, Description = Description, Dt = Dt, Duration = Duration, Seed = Seed, Window = Window,
        Layers = [.. _layers], Connections = _connections.Count > 0 ? [.. _connections] : null, Record = _record is null ? null : [.. _record],
        Probes = _probes.Count > 0 ? [.. _probes] : null,
    };

    /// <summary>A builder holding <paramref name="document"/>.</summary>
    public static NetworkBuilder FromDocument(NetworkDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new NetworkBuilder(document.Name ?? "network", document.Dt, document.Duration, document.Seed ?? 0, document.Window, document.Description);
        b._layers.AddRange(document.Layers);
        b._connections.AddRange(document.Connections ?? []);
        b._probes.AddRange(document.Probes ?? []);
        b._record = document.Record is null ? null : [.. document.Record];
        return b;
    }

    /// <summary>A network to evolve from code, built as <c>run</c> builds this description (same streams: same spikes); each evolve gives its own duration.</summary>
    public Network Build() => Network.FromSpec(ToSpec() is var s && double.IsNaN(s.Duration) ? s with { Duration = s.Dt } : s, InputLayer);

    /// <summary>Builds the network and evolves it for <paramref name="duration"/> (default: the description's) with no input.</summary>
    public EvolveResult Run(double? duration = null) =>
        Build().Evolve(null, duration ?? Duration ?? throw new InvalidOperationException("the network has no duration: give one"));

    /// <summary>The parameters a typed method was given (null: not given, the model's default applies).</summary>
    private static Dictionary<string, object?> Given(params (string Name, object? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private int IndexOf(string layer)
    {
        var i = _layers.FindIndex(l => l.Name == layer);
        return i >= 0 ? i : throw new ArgumentException($"no layer '{layer}'; layers: {string.Join(", ", _layers.Select(l => l.Name))}");
    }
}
