using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;

namespace EventSpike.Neurons.Energy;

/// <summary>
/// ModelEnergy's per-layer statistics for EventSpike's layer types: a stat function per model type,
/// looked up along the type's base classes (the first registered wins, as KerasSpiking walks the MRO),
/// falling back to the rule for any <see cref="ILayerModel"/>:
/// a source (no input ports) costs nothing; any other layer has its own weight matrices as
/// connections (every 2-D <c>weights…</c>/<c>w_…</c> entry of its dict) and its units as neurons,
/// spiking when it emits spikes, non-spiking when it emits a continuous signal. Registered here:
/// SpikingActivation (its units, spiking), the linear filters and readouts (Lowpass, Alpha,
/// TemporalAvgPool, PassThrough, FFExpSyn: no neurons) and the rate layers (neurons unless linear).
/// The connections a network file routes into the layer are added by the caller.
/// <see cref="Register{T}"/> adds a type (or overwrites one, returning KerasSpiking's warning).
/// </summary>
public static class LayerStatsRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, Func<ILayerModel, LayerStats>> Rules = new();

    static LayerStatsRegistry()
    {
        Register<SpikingActivation>(m => new LayerStats(0, m.Units, true));
        Register<Lowpass>(_ => LayerStats.Zero);
        Register<Alpha>(_ => LayerStats.Zero);
        Register<TemporalAvgPool>(_ => LayerStats.Zero);
        Register<PassThrough>(m => new LayerStats(OwnWeights(m), 0, true));
        Register<FFExpSyn>(m => new LayerStats(m.ToDict()["weights"] is JsonValue n ? n.GetValue<int>() : OwnWeights(m), 0, true));
        Register<FFRateEuler>(m => LayerStats.Activation(m.ActivationName, m.Size, OwnWeights(m)));
        Register<RecRateEuler>(m => LayerStats.Activation(m.ActivationName, m.Size, OwnWeights(m)));
        Register<RecRateEulerJax>(m => LayerStats.Activation(m.ActivationName, m.Size, OwnWeights(m)));
    }

    /// <summary>Registers the stat function of model type <typeparamref name="T"/> (and its subclasses); returns a warning when it replaced one.</summary>
    public static string? Register<T>(Func<T, LayerStats> stats) where T : ILayerModel
    {
        lock (Gate)
        {
            var existed = Rules.ContainsKey(typeof(T));
            Rules[typeof(T)] = m => stats((T)m);
            return existed ? $"Layer '{typeof(T).Name}' already registered. Overwriting." : null;
        }
    }

    /// <summary>The layer's own statistics (its internal weights and units).</summary>
    public static LayerStats For(ILayerModel model)
    {
        lock (Gate)
            for (var t = model.GetType(); t is not null; t = t.BaseType)
                if (Rules.TryGetValue(t, out var rule)) return rule(model);
        if (model.Ports.Count == 0) return LayerStats.Zero;
        return new LayerStats(OwnWeights(model), model.Size, model.OutputKind == SignalKind.Spikes);
    }

    /// <summary>The layer's statistics with <paramref name="incomingSynapses"/> routed to it by the network's connections.</summary>
    public static LayerStats For(ILayerModel model, long incomingSynapses)
    {
        var own = For(model);
        return own with { Connections = own.Connections + incomingSynapses };
    }

    /// <summary>Elements of every 2-D weight matrix in the model's dict (keys <c>weights…</c> or <c>w_…</c>).</summary>
    public static long OwnWeights(ILayerModel model)
    {
        long n = 0;
        foreach (var (key, value) in model.ToDict())
            if ((key.StartsWith("weights", StringComparison.Ordinal) || key.StartsWith("w_", StringComparison.Ordinal)) && value is JsonArray rows)
                foreach (var row in rows)
                    if (row is JsonArray cols) n += cols.Count;
        return n;
    }
}
