using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// A network ready to run: built layer models, compiled connection tables and the window plan.
/// <see cref="Warnings"/> holds what the user should be told (e.g. a duration that is not a whole
/// number of steps).
/// </summary>
public sealed class CompiledNetwork
{
    public CompiledNetwork(string name, double dt, double duration, ulong seed, IReadOnlyList<CompiledLayer> layers,
        IReadOnlyList<ConnectionTable> connections, WindowPlan plan, IReadOnlyList<string> warnings)
    {
        Name = name;
        Dt = dt;
        Duration = duration;
        Seed = seed;
        Layers = layers;
        Connections = connections;
        Plan = plan;
        Warnings = warnings;
    }

    /// <summary>State-variable probes as they run (on shards where a layer is sharded), in file order.</summary>
    public IReadOnlyList<CompiledProbe> Probes { get; init; } = [];

    /// <summary>The file's probes, for outputs: the run's <see cref="Probes"/> unless a probed layer is sharded.</summary>
    public IReadOnlyList<CompiledProbe> FileProbes
    {
        get => _fileProbes ?? Probes;
        init => _fileProbes = value;
    }

    private readonly IReadOnlyList<CompiledProbe>? _fileProbes;

    /// <summary>
    /// The layers as the file declares them, for outputs (names, sizes, recordings by the file's ids).
    /// <see cref="Layers"/> is what runs: the same list, or with large layers split into shards
    /// (<see cref="CompiledLayer.Origin"/> and <see cref="CompiledLayer.Offset"/> lead back).
    /// </summary>
    public IReadOnlyList<CompiledLayer> FileLayers
    {
        get => _fileLayers ?? Layers;
        init => _fileLayers = value;
    }

    private readonly IReadOnlyList<CompiledLayer>? _fileLayers;

    /// <summary>Whether some layer of the file runs as several shards.</summary>
    public bool Sharded => Layers.Count != FileLayers.Count;

    /// <summary>The run's layers that make up the file's layer <paramref name="fileLayer"/>, in neuron order.</summary>
    public IReadOnlyList<CompiledLayer> ShardsOf(int fileLayer) => Layers.Where(l => l.OriginId == fileLayer).ToList();

    public string Name { get; }
    public double Dt { get; }
    public double Duration { get; }
    public ulong Seed { get; }
    public IReadOnlyList<CompiledLayer> Layers { get; }
    public IReadOnlyList<ConnectionTable> Connections { get; }
    public WindowPlan Plan { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Connections into <paramref name="layer"/>, in file order.</summary>
    public IReadOnlyList<ConnectionTable> IncomingOf(int layer) => Connections.Where(c => c.To == layer).ToList();

    /// <summary>Layers <paramref name="layer"/> sends its output to (itself only for a shard's routed connection onto itself), in id order.</summary>
    public IReadOnlyList<int> ConsumersOf(int layer) =>
        Connections.Where(c => c.From == layer && !c.Recurrent).Select(c => c.To).Distinct().Order().ToList();

    /// <summary>
    /// The engine projections of <paramref name="layer"/>: its incoming connections grouped by the
    /// file's connection (the tables of one connection from several source shards share one ring), in order.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ConnectionTable>> ProjectionsOf(int layer) =>
        IncomingOf(layer).GroupBy(c => c.Id).Select(g => (IReadOnlyList<ConnectionTable>)g.ToList()).ToList();

    /// <summary>
    /// The plain-loop engine of one layer: its model and incoming projections, with a delivery
    /// horizon of two windows (enough when each window's inputs are delivered just before it runs).
    /// </summary>
    /// <param name="model">The model to run in place of the layer's own (e.g. its accelerated version); null: the layer's.</param>
    public LayerEngine CreateEngine(int layer, int? horizonSteps = null, KernelPool? pool = null, ILayerModel? model = null)
    {
        var engine = new LayerEngine(model ?? Layers[layer].Model,
            ProjectionsOf(layer).Select(g => new Projection(g[0].Synapses, g[0].DelaySteps, g[0].Port, g[0].Recurrent)).ToList(),
            horizonSteps ?? 2 * Plan.WindowSteps, 0, pool, Layers[layer].StepMultiple);
        foreach (var probe in ProbesOf(layer)) engine.AddProbe(probe.Probe);
        return engine;
    }

    /// <summary>The probes on <paramref name="layer"/>, in file order (engine probe i is the i-th of these).</summary>
    public IReadOnlyList<CompiledProbe> ProbesOf(int layer) => Probes.Where(p => p.Layer == layer).ToList();

    /// <summary>The same network with another window plan (e.g. a run that continues from step <c>plan.FirstStep</c>).</summary>
    public CompiledNetwork WithPlan(WindowPlan plan) =>
        new(Name, Dt, (plan.TotalSteps - plan.FirstStep) * Dt, Seed, Layers, Connections, plan, Warnings) { Probes = Probes, FileProbes = FileProbes, FileLayers = FileLayers };

    /// <summary>The same network with more warnings (e.g. what converting a NIR graph said: the edges given a step of delay), for the summary.</summary>
    public CompiledNetwork WithWarnings(IEnumerable<string> more) =>
        new(Name, Dt, Duration, Seed, Layers, Connections, Plan, [.. Warnings, .. more]) { Probes = Probes, FileProbes = FileProbes, FileLayers = FileLayers };

    /// <summary>Number of synapses over all connections (a table shared by several source shards counted once).</summary>
    public long SynapseCount => Connections.Select(c => c.Synapses).Distinct().Sum(t => t.Count);
}
