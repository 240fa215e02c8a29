using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Api;

/// <summary>
/// A network built and evolved from code, as Rockpool's <c>Network</c>: layers (each with at most
/// one pre-layer, fed one-to-one; the first added takes the external input unless told otherwise),
/// <see cref="Evolve"/> from the current time for a duration, returning every layer's output as a
/// time series; state carries over from one evolve to the next, spikes in flight included; reset;
/// parameter changes between evolves without rebuilding the connections; Rockpool's JSON layout
/// for save and load. It runs on the same actor runtime as <c>eventspike run</c>.
/// </summary>
public sealed class Network
{
    private readonly List<(string Name, ILayerModel Model, string? Pre, bool External)> _layers = new();
    private readonly double? _forcedDt;
    private readonly ulong _seed;
    private CompiledNetwork? _compiled;
    private LayerEngine[]? _engines;
    private ExternalInput? _input;
    private NetworkSpec? _spec;

    public Network(double? dt = null, ulong seed = 0)
    {
        _forcedDt = dt;
        _seed = seed;
    }

    /// <summary>The clock's step: the forced dt, or the layers' common dt (the finest, when they differ by whole multiples).</summary>
    public double Dt => _forcedDt ?? (_layers.Count == 0 ? throw new InvalidOperationException("the network has no layers") : _layers.Min(l => l.Model.Dt));

    /// <summary>Steps evolved so far; <see cref="T"/> = Timestep · Dt.</summary>
    public long Timestep { get; private set; }

    public double T => Timestep * Dt;

    /// <summary>How many times the network was compiled and its engines built: adding or connecting layers rebuilds (at the next evolve), evolves and parameter changes do not.</summary>
    public int Builds { get; private set; }

    public IReadOnlyList<string> LayerNames => _layers.Select(l => l.Name).ToList();

    public ILayerModel this[string name] => _layers.First(l => l.Name == name).Model;

    /// <summary>Adds a layer. <paramref name="inputLayer"/> names its pre-layer; the first layer takes the external input by default.</summary>
    public void AddLayer(string name, ILayerModel model, string? inputLayer = null, bool? externalInput = null)
    {
        RefuseIfDescribed();
        if (_layers.Any(l => l.Name == name)) throw new ArgumentException($"a layer named '{name}' exists already");
        _layers.Add((name, model, null, externalInput ?? _layers.Count == 0));
        if (inputLayer is not null) Connect(inputLayer, name);
        Invalidate();
    }

    /// <summary>Adds a layer from its Rockpool dict (<c>class_name</c> and constructor parameters, as <c>to_dict</c> writes them).</summary>
    public void AddLayer(string name, JsonObject dict, string? inputLayer = null, bool? externalInput = null) =>
        AddLayer(name, ModelCatalog.FromDict(dict, b => StreamSeed.Generator(_seed, "layer:" + name, b)), inputLayer, externalInput);

    /// <summary>Makes <paramref name="pre"/> the input of <paramref name="post"/>: same width, same kind of signal (Rockpool's rule).</summary>
    public void Connect(string pre, string post)
    {
        RefuseIfDescribed();
        var from = Index(pre);
        var to = Index(post);
        var source = _layers[from].Model;
        var target = _layers[to].Model;
        var kind = source.OutputKind == SignalKind.Spikes ? PortKind.Spikes : PortKind.Current;
        var port = target.Ports.FirstOrDefault(p => p.Kind == kind)
            ?? throw new ArgumentException($"'{post}' takes no {(kind == PortKind.Spikes ? "spikes" : "continuous input")}, which '{pre}' emits");
        if (port.Width != source.Size) throw new ArgumentException($"'{pre}' has {source.Size} outputs but '{post}' takes {port.Width} inputs");
        _layers[to] = _layers[to] with { Pre = pre };
        if (HasCycle()) 
        {
            _layers[to] = _layers[to] with { Pre = null };
            throw new ArgumentException($"connecting '{pre}' to '{post}' would close a cycle");
        }
        Invalidate();
    }

    /// <summary>
    /// Evolves every layer from <see cref="T"/> for <paramref name="duration"/> (steps by the
    /// contract's rule), feeding <paramref name="input"/> (absolute times) to the external input.
    /// Returns <c>"external"</c> → the input and each layer's name → its output over [t, t + duration].
    /// </summary>
    public EvolveResult Evolve(TimeSeries? input, double duration)
    {
        var steps = StepCount.For(duration, Dt, out _);
        if (steps < 1) throw new ArgumentException($"duration {duration} s is shorter than a step");
        Build();
        _input!.Feed(input);
        var first = Timestep;
        var plan = new WindowPlan(first + steps, _compiled!.Plan.WindowSteps, first);
        var sink = new EvolveSink(_compiled.Layers.Count);
        var result = LocalRunner.RunAsync(_compiled.WithPlan(plan), sink, new RunOptions { Backends = _engines!.Select(e => (Hosting.IWindowBackend?)new Hosting.EngineBackend(e)).ToList(), WatchdogSeconds = 0 })
            .GetAwaiter().GetResult();
        if (!result.Succeeded) throw new InvalidOperationException($"evolve failed: {result.Failure}");
        Timestep = first + steps;

        var outputs = new Dictionary<string, TimeSeries?> { ["external"] = input };
        for (var i = 0; i < _layers.Count; i++)
        {
            var (name, model, _, _) = _layers[i];
            outputs[name] = model.OutputKind == SignalKind.Spikes
                ? new TSEvent(sink.Spikes[i].Select(s => (s.Step + 1) * Dt).ToArray(), sink.Spikes[i].Select(s => s.Neuron).ToArray(),
                    false, first * Dt, Timestep * Dt, name, model.Size)
                : Samples(name, model.Size, sink.Samples[i], first);
        }
        return new EvolveResult(outputs);
    }

    /// <summary>Changes one parameter of a layer between evolves: the layer is rebuilt from its dict, keeps its state and connections.</summary>
    public void UpdateParameter(string layer, string parameter, JsonNode? value)
    {
        var i = Index(layer);
        var old = _layers[i].Model;
        var dict = old.ToDict();
        dict[parameter] = value?.DeepClone();
        var model = ModelCatalog.FromDict(dict, b => StreamSeed.Generator(_seed, "layer:" + layer, b));
        foreach (var state in old.StateNames)
            if (model.StateNames.Contains(state)) model.SetState(state, old.GetState(state));
        model.SetRandomState(old.GetRandomState());
        _engines?[i].ReplaceModel(model);
        _layers[i] = _layers[i] with { Model = model };
    }

    public void ResetState()
    {
        if (_engines is null) foreach (var l in _layers) l.Model.ResetState();
        else
            foreach (var e in _engines) e.Reset(Timestep);
        Builds++;
    }

    public void ResetTime()
    {
        Timestep = 0;
        if (_engines is not null) foreach (var e in _engines) e.Reset(0);
    }

    public void ResetAll()
    {
        ResetTime();
        ResetState();
    }

    /// <summary>Rockpool's <c>Network.save</c> layout: layers (to_dict + name, pre_layer_name, external_input) in order, forced dt, input_layer_name.</summary>
    public JsonObject ToDict()
    {
        if (_spec is not null) throw new InvalidOperationException("a network built from a description is saved by its NetworkBuilder (EventSpike's format), not as Rockpool's chain");
        var layers = new JsonArray();
        foreach (var (name, model, pre, external) in _layers)
        {
            var d = model.ToDict();
            d["name"] = name;
            if (pre is not null) d["pre_layer_name"] = pre;
            d["external_input"] = external;
            layers.Add((JsonNode)d);
        }
        var root = new JsonObject { ["layers"] = layers };
        if (_forcedDt is { } dt) root["dt"] = dt;
        var input = _layers.FirstOrDefault(l => l.External).Name;
        if (input is not null) root["input_layer_name"] = input;
        return root;
    }

    /// <summary>
    /// Writes the network as a NIR graph file (docs/nir.md): the external input as an Input node, each layer as its
    /// NIR primitive, each connection as a Linear node. Throws <see cref="Routing.Nir.NirExportException"/> naming every
    /// layer that has no NIR equivalent (nothing is written then).
    /// </summary>
    public void ToNir(string path)
    {
        Build();
        Routing.Nir.NirFile.Write(path, Routing.Nir.NirExport.FromNetwork(_compiled!));
    }

    /// <summary>Writes <see cref="ToDict"/> to <paramref name="path"/> (whole or not at all), a file <c>eventspike run</c> runs as it is.</summary>
    public void Save(string path)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) ToDict().WriteTo(writer);
        Neurons.IO.AtomicFile.WriteAllText(path, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static Network Load(string path, ulong seed = 0)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var net = new Network(root["dt"]?.GetValue<double>(), seed);
        var entries = root["layers"]!.AsArray().Select(l => l!.AsObject()).ToList();
        foreach (var e in entries)
        {
            var dict = e.DeepClone().AsObject();
            var name = dict["name"]?.GetValue<string>() ?? throw new FormatException($"{path}: a layer has no name");
            var external = dict["external_input"]?.GetValue<bool>() ?? false;
            foreach (var key in new[] { "pre_layer_name", "external_input" }) dict.Remove(key);
            net.AddLayer(name, dict, externalInput: external);
        }
        foreach (var e in entries)
            if (e["pre_layer_name"]?.GetValue<string>() is { } pre) net.Connect(pre, e["name"]!.GetValue<string>());
        return net;
    }

    private TSContinuous Samples(string name, int channels, List<(long StartStep, int Channels, double[] Samples)> windows, long first)
    {
        var rows = windows.Sum(w => w.Samples.Length / channels);
        var times = new double[rows];
        var samples = new double[rows, channels];
        var r = 0;
        foreach (var (start, _, values) in windows)
            for (var i = 0; i < values.Length / channels; i++, r++)
            {
                times[r] = (start + i + 1) * Dt;
                for (var c = 0; c < channels; c++) samples[r, c] = values[i * channels + c];
            }
        return new TSContinuous(times, samples, tStart: first * Dt, tStop: Timestep * Dt, name: name);
    }

    /// <summary>Compiles the network and builds its engines once; later evolves reuse them.</summary>
    private void Build()
    {
        if (_compiled is not null) return;
        var dt = Dt;
        var specs = new List<LayerSpec>();
        var connections = new List<ConnectionSpec>();
        var identity = JsonElements.Of(new Dictionary<string, object> { ["generator"] = "one_to_one", ["weight"] = 1.0 });
        var externalLayer = _layers.FirstOrDefault(l => l.External);
        foreach (var (name, model, pre, _) in _layers)
        {
            var described = _spec?.Layers.First(l => l.Name == name);
            specs.Add(new LayerSpec(name, model.ClassName, model.Size, new Dictionary<string, JsonElement>())
            {
                Prebuilt = model, Dt = described is null ? model.Dt : described.Dt, Where = described?.Where ?? "", Backend = described?.Backend, Node = described?.Node,
            });
            if (pre is not null) connections.Add(new ConnectionSpec(pre, name, identity, 0, null));
        }
        if (_spec is not null) connections.AddRange(_spec.Connections);
        if (externalLayer.Model is { } target)
        {
            var port = target.Ports.Count > 0 ? target.Ports[0] : throw new InvalidOperationException($"'{externalLayer.Name}' takes no input");
            _input = new ExternalInput(port.Width, dt, port.Kind == PortKind.Spikes ? SignalKind.Spikes : SignalKind.Continuous);
            specs.Add(new LayerSpec("external", ExternalInput.TypeName, port.Width, new Dictionary<string, JsonElement>()) { Prebuilt = _input });
            connections.Add(new ConnectionSpec("external", externalLayer.Name, identity, 0, port.Name));
        }
        else _input = new ExternalInput(1, dt, SignalKind.Spikes);
        // The duration is a placeholder (one step): each evolve runs its own plan.
        var spec = new NetworkSpec(_spec?.Name ?? "network", dt, dt, _seed, specs, connections, _layers.Select(l => l.Name).ToList(), _spec?.MaxWindow);
        _compiled = NetworkCompiler.Compile(spec);
        _engines = _compiled.Layers.Select(l => _compiled.CreateEngine(l.Id)).ToArray();
        foreach (var e in _engines) e.Reset(Timestep);
        Builds++;
    }

    /// <summary>
    /// A network from a description (what <c>eventspike run</c> compiles, e.g. from a <c>NetworkBuilder</c>): every
    /// layer, connection, generator, delay and port of it, the models built with the streams a run gives them, so that
    /// evolving it for the description's duration gives the run's spikes. <paramref name="inputLayer"/> names the layer
    /// that <see cref="Evolve"/>'s input feeds (its first port); null: the input is ignored. The layers and connections
    /// are the description's: <see cref="AddLayer(string, ILayerModel, string?, bool?)"/> and <see cref="Connect"/> are refused.
    /// </summary>
    public static Network FromSpec(NetworkSpec spec, string? inputLayer = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var net = new Network(spec.Dt, spec.Seed);
        if (inputLayer is not null && spec.Layers.All(l => l.Name != inputLayer))
            throw new ArgumentException($"no layer '{inputLayer}' to take the input; layers: {string.Join(", ", spec.Layers.Select(l => l.Name))}");
        // Compiling the description builds every model exactly as a run does (streams, per-layer dt) and checks it whole.
        var compiled = NetworkCompiler.Compile(spec with { Duration = spec.Dt });
        foreach (var layer in compiled.Layers) net._layers.Add((layer.Name, layer.Model, null, layer.Name == inputLayer));
        net._spec = spec;
        return net;
    }

    private void RefuseIfDescribed()
    {
        if (_spec is not null) throw new InvalidOperationException("this network was built from a description: change the description (NetworkBuilder) and build it again");
    }

    private void Invalidate()
    {
        _compiled = null;
        _engines = null;
    }

    private int Index(string name)
    {
        var i = _layers.FindIndex(l => l.Name == name);
        return i >= 0 ? i : throw new ArgumentException($"no layer '{name}'; layers: {string.Join(", ", _layers.Select(l => l.Name))}");
    }

    private bool HasCycle()
    {
        foreach (var start in _layers)
        {
            var seen = new HashSet<string>();
            for (var at = start.Name; at is not null; at = _layers.First(l => l.Name == at).Pre)
                if (!seen.Add(at)) return true;
        }
        return false;
    }
}
