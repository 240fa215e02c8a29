using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// How a run on several cores uses them: layers side by side (each whole, on one core at a time) or each layer split
/// over the cores in turn. Side by side costs one hand-off per window instead of one per split layer and step, and
/// no thread competes with the layers' own; it pays when the layers need nothing of each other within a window and
/// their sizes spread evenly over the cores, as PD14's eight do. One large layer (Brunel) is better split.
/// </summary>
public static class LayerParallelism
{
    /// <summary>Whether the layers of <paramref name="network"/> should run side by side on <paramref name="workers"/> cores.</summary>
    public static bool SideBySide(CompiledNetwork network, int workers) =>
        workers > 1 && IndependentWithinWindows(network) && LayersBalance(network, workers);

    /// <summary>Whether no layer reads another's current window (every connection between two layers at least a window long).</summary>
    public static bool IndependentWithinWindows(CompiledNetwork network) =>
        network.Layers.All(l => network.IncomingOf(l.Id).All(c => c.Recurrent || c.From == l.Id || c.DelaySteps >= network.Plan.WindowSteps));

    /// <summary>
    /// Whether the layers, by size, spread over <paramref name="workers"/> (largest first, each to the least loaded) with
    /// the busiest worker within 10 % of an even share.
    /// </summary>
    public static bool LayersBalance(CompiledNetwork network, int workers)
    {
        var load = new long[workers];
        foreach (var size in network.Layers.Select(l => (long)l.Size).OrderByDescending(s => s))
        {
            var least = Array.IndexOf(load, load.Min());
            load[least] += size;
        }
        return load.Max() * workers <= 1.1 * load.Sum();
    }
}
