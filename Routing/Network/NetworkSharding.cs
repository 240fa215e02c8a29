using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Routing.Network;

/// <summary>
/// Splits every layer larger than a shard size into neuron-range shards, each a layer of its own
/// (so each can live on another node), without changing a single bit of the results:
/// <list type="bullet">
/// <item>Shards start at multiples of the model's block (1,024 neurons). A shard's model is built
/// from the layer's parameters cut to its range, drawing from the streams of its own blocks — the
/// streams the whole layer draws those neurons from.</item>
/// <item>A connection into a sharded layer keeps, per target shard, the columns of that shard
/// (<see cref="Neurons.Runtime.SynapseTable.Columns"/>), rows in their order.</item>
/// <item>A connection from a sharded layer becomes one input per source shard, all writing into one
/// ring of the target with the shard's row offset; the layer actor delivers them in shard order,
/// so the spikes of each step arrive in the whole layer's neuron order.</item>
/// <item>A sharded layer's connection onto itself goes through the same rings by message (each
/// shard also sends to itself), so the window cannot exceed its delay.</item>
/// </list>
/// Layers that cannot be split this way stay whole: those with a pinned node, another step than the
/// network's, an input file, ports not one channel per neuron, or a model that cannot integrate a
/// neuron range on its own (not an <see cref="IPartitionedModel"/>). A probe of a sharded layer runs
/// as one probe per shard (<see cref="CompiledProbe.FileProbe"/>).
/// </summary>
public static class NetworkSharding
{
    /// <summary>The shards of layers larger than <paramref name="shardSize"/> neurons, and the connections between them, in file order.</summary>
    /// <param name="keepWhole">Ids of layers never to split.</param>
    public static (List<CompiledLayer> Layers, List<ConnectionTable> Connections) Expand(NetworkSpec spec,
        IReadOnlyList<CompiledLayer> layers, IReadOnlyList<ConnectionTable> connections, int shardSize, ISet<int> keepWhole)
    {
        var expanded = new List<CompiledLayer>();
        var shardsOf = new List<(int Id, int From, int To)>[layers.Count];
        foreach (var layer in layers)
        {
            var ranges = Ranges(spec.Layers[layer.Id], layer, shardSize, keepWhole);
            shardsOf[layer.Id] = new();
            if (ranges.Count == 1)
            {
                shardsOf[layer.Id].Add((expanded.Count, 0, layer.Size));
                expanded.Add(layer with { Id = expanded.Count, Origin = layer.Id });
                continue;
            }
            var ls = spec.Layers[layer.Id];
            var granularity = ((IPartitionedModel)layer.Model).PartitionGranularity;
            foreach (var (from, to) in ranges)
            {
                var first = from / granularity;
                var name = ls.Name;
                ILayerModel model = ModelCatalog.Create(ls.Type, to - from, spec.Dt, new LayerParameters(ls.Parameters).Slice(from, to, layer.Size),
                    stream => StreamSeed.Generator(spec.Seed, "layer:" + name, stream >= 0 ? stream + first : stream - first));
                shardsOf[layer.Id].Add((expanded.Count, from, to));
                expanded.Add(new CompiledLayer(expanded.Count, $"{layer.Name}[{from}:{to}]", model, layer.Recorded)
                    { Origin = layer.Id, Offset = from, Backend = layer.Backend });
            }
        }

        var tables = new List<ConnectionTable>();
        foreach (var c in connections)
        {
            var sources = shardsOf[c.From];
            var targets = shardsOf[c.To];
            var routed = c.From == c.To && sources.Count > 1;
            foreach (var target in targets)
            {
                var synapses = targets.Count == 1 ? c.Synapses : c.Synapses.Columns(target.From, target.To);
                // Not built here: the share of the expected synapses that lands on this shard.
                var expected = c.Synapses.Count > 0 || c.ExpectedSynapses == 0 ? synapses.Count
                    : c.ExpectedSynapses * (target.To - target.From) / c.Synapses.PostSize;
                foreach (var source in sources)
                    tables.Add(new ConnectionTable(c.Id, source.Id, target.Id, c.Port, c.DelaySteps, synapses)
                        { SourceOffset = source.From, Routed = routed, ExpectedSynapses = expected });
            }
        }
        return (expanded, tables);
    }

    /// <summary>The neuron ranges of <paramref name="layer"/>'s shards: one range when it stays whole.</summary>
    private static List<(int From, int To)> Ranges(LayerSpec spec, CompiledLayer layer, int shardSize, ISet<int> keepWhole)
    {
        var model = layer.Model;
        if (shardSize <= 0 || layer.Size <= shardSize || keepWhole.Contains(layer.Id) || spec.Prebuilt is not null || spec.Node is not null ||
            layer.StepMultiple != 1 || model is not IPartitionedModel pm || model.OutputKind != SignalKind.Spikes ||
            model.Ports.Any(p => p.Width != model.Size))
            return [(0, layer.Size)];
        var blocks = (layer.Size + pm.PartitionGranularity - 1) / pm.PartitionGranularity;
        var count = (int)Math.Min(blocks, ((long)layer.Size + shardSize - 1) / shardSize);
        var ranges = new List<(int, int)>();
        for (var i = 0; i < count; i++)
        {
            var from = (int)((long)blocks * i / count) * pm.PartitionGranularity;
            var to = Math.Min(layer.Size, (int)((long)blocks * (i + 1) / count) * pm.PartitionGranularity);
            ranges.Add((from, to));
        }
        return ranges;
    }
}
