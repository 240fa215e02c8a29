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
        var load = Groups(network, workers).Select(g => g.Sum(l => (long)network.Layers[l].Size)).ToArray();
        return load.Max() * workers <= 1.1 * load.Sum();
    }

    /// <summary>
    /// The layers spread over <paramref name="workers"/> groups by size (largest first, each to the least loaded group; ties
    /// to the lower group), each group's layers largest first. Side by side, each group stays on one core window after
    /// window: a layer moved between cores every window ran about a third slower (PD14 full scale, plain loop, two threads:
    /// real-time factor 3.28–3.36 with the groups kept, 4.39–4.47 with them swapped every window, same balance), its
    /// potentials, ring rows and event lists fetched from the other core's cache.
    /// </summary>
    public static int[][] Groups(CompiledNetwork network, int workers)
    {
        var groups = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new List<int>()).ToArray();
        var load = new long[groups.Length];
        foreach (var layer in network.Layers.OrderByDescending(l => l.Size).ThenBy(l => l.Id))
        {
            var least = Array.IndexOf(load, load.Min());
            load[least] += layer.Size;
            groups[least].Add(layer.Id);
        }
        return groups.Select(g => g.ToArray()).ToArray();
    }
}
