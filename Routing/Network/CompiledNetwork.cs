using EventSpike.Neurons.Kernels;
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

    /// <summary>State-variable probes, in file order.</summary>
    public IReadOnlyList<CompiledProbe> Probes { get; init; } = [];

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

    /// <summary>Layers fed by <paramref name="layer"/> (itself excluded), in id order.</summary>
    public IReadOnlyList<int> ConsumersOf(int layer) =>
        Connections.Where(c => c.From == layer && c.To != layer).Select(c => c.To).Distinct().Order().ToList();

    /// <summary>
    /// The plain-loop engine of one layer: its model and incoming projections, with a delivery
    /// horizon of two windows (enough when each window's inputs are delivered just before it runs).
    /// </summary>
    public LayerEngine CreateEngine(int layer, int? horizonSteps = null, KernelPool? pool = null)
    {
        var engine = new LayerEngine(Layers[layer].Model,
            IncomingOf(layer).Select(c => new Projection(c.Synapses, c.DelaySteps, c.Port, c.Recurrent)).ToList(),
            horizonSteps ?? 2 * Plan.WindowSteps, 0, pool, Layers[layer].StepMultiple);
        foreach (var probe in ProbesOf(layer)) engine.AddProbe(probe.Probe);
        return engine;
    }

    /// <summary>The probes on <paramref name="layer"/>, in file order (engine probe i is the i-th of these).</summary>
    public IReadOnlyList<CompiledProbe> ProbesOf(int layer) => Probes.Where(p => p.Layer == layer).ToList();

    /// <summary>The same network with another window plan (e.g. a run that continues from step <c>plan.FirstStep</c>).</summary>
    public CompiledNetwork WithPlan(WindowPlan plan) =>
        new(Name, Dt, (plan.TotalSteps - plan.FirstStep) * Dt, Seed, Layers, Connections, plan, Warnings) { Probes = Probes };

    /// <summary>Number of synapses over all connections.</summary>
    public long SynapseCount => Connections.Sum(c => c.Synapses.Count);
}
