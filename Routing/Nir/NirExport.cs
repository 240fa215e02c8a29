using EventSpike.Routing.Network;

namespace EventSpike.Routing.Nir;

/// <summary>
/// Writes a compiled network as a NIR graph: each layer as its NIR node (<see cref="NirLayerExport"/>),
/// each connection as a Linear node <c>FROM_to_TO</c> (an Affine where the target has a bias; a convolution
/// connection as its Conv1d/Conv2d/SumPool2d/AvgPool2d nodes, <c>FROM_to_TO_k</c> for a chain), followed by a
/// Delay node when it has a delay, except the one step that closes a cycle (which a NIR reader adds back).
/// Any layer without a NIR equivalent makes the whole export fail, naming every such layer.
/// </summary>
public static class NirExport
{
    public static NirGraph FromNetwork(CompiledNetwork network)
    {
        var layers = network.FileLayers;
        var exports = new Dictionary<int, NirLayerExport>();
        var refused = new List<string>();
        foreach (var layer in layers)
        {
            var export = NirLayerExport.Of(layer.Model, out var why);
            if (export is null) refused.Add($"'{layer.Name}' ({layer.Model.ClassName}): {why}");
            else exports[layer.Id] = export;
        }
        if (refused.Count > 0)
            throw new NirExportException($"no NIR equivalent for layer{(refused.Count > 1 ? "s" : "")} {string.Join("; ", refused)}");
        var nodes = layers.Select(l => new KeyValuePair<string, NirNode>(l.Name, exports[l.Id].Node)).ToList();
        var edges = new List<(string, string)>();
        var cycleSteps = CycleClosing(network);
        var biased = new HashSet<int>();
        var names = new HashSet<string>(nodes.Select(n => n.Key), StringComparer.Ordinal);
        foreach (var c in network.Connections)
        {
            var (from, to) = (layers[c.From], layers[c.To]);
            var bias = exports[c.To].Bias is { } b && b.Any(x => x != 0) && biased.Add(c.To) ? b : null;
            var name = Unique($"{from.Name}_to_{to.Name}", names);
            string last;
            if (c.Synapses.Kernel is { } kernel && NirKernelExport.Nodes(kernel, bias) is { } chain)
            {
                last = from.Name;
                for (var k = 0; k < chain.Count; k++)
                {
                    var stageName = chain.Count == 1 ? name : Unique($"{name}_{k}", names);
                    nodes.Add(new(stageName, chain[k]));
                    edges.Add((last, stageName));
                    last = stageName;
                }
            }
            else
            {
                var weight = Dense(c);
                var fields = new Dictionary<string, NirField> { ["weight"] = new(weight, [to.Size, from.Size], NirFieldKind.Float64) };
                if (bias is not null) fields["bias"] = new NirField(bias, [to.Size], NirFieldKind.Float64);
                nodes.Add(new(name, new NirNode(bias is null ? "Linear" : "Affine", fields)));
                edges.Add((from.Name, name));
                last = name;
            }
            if (c.DelaySteps > 0 && !(c.DelaySteps == 1 && cycleSteps.Contains(c.Id)))
            {
                var delay = Unique(name + "_delay", names);
                nodes.Add(new(delay, new NirNode("Delay", new Dictionary<string, NirField> { ["delay"] = NirField.Vector(Enumerable.Repeat(c.DelaySteps * network.Dt, to.Size).ToArray()) })));
                edges.Add((name, delay));
                last = delay;
            }
            edges.Add((last, to.Name));
        }
        foreach (var layer in layers)
            if (exports[layer.Id].Bias is { } b && b.Any(x => x != 0) && !biased.Contains(layer.Id))
                throw new NirExportException($"layer '{layer.Name}' ({layer.Model.ClassName}) has a bias but no incoming connection to carry it as a NIR Affine");
        return new NirGraph(nodes, edges);
    }

    /// <summary>Connections that close a cycle (back edges of a depth-first walk in layer order, whatever their delay).</summary>
    private static HashSet<int> CycleClosing(CompiledNetwork network)
    {
        var state = new int[network.FileLayers.Count];
        var back = new HashSet<int>();
        void Visit(int layer)
        {
            state[layer] = 1;
            foreach (var c in network.Connections.Where(c => c.From == layer))
            {
                if (state[c.To] == 1) back.Add(c.Id);
                else if (state[c.To] == 0) Visit(c.To);
            }
            state[layer] = 2;
        }
        for (var l = 0; l < state.Length; l++)
            if (state[l] == 0) Visit(l);
        return back;
    }

    /// <summary>The connection's weights as NIR's [post][pre] matrix, row-major.</summary>
    private static double[] Dense(ConnectionTable c)
    {
        var (pre, post) = (c.Synapses.PreSize, c.Synapses.PostSize);
        var w = new double[(long)pre * post];
        var weights = c.Synapses.Weight;
        for (var i = 0; i < pre; i++)
            for (var s = c.Synapses.RowStart[i]; s < c.Synapses.RowStart[i + 1]; s++)
                w[(long)c.Synapses.Target[s] * pre + i] += weights[s];
        return w;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var k = 2; !taken.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }
}
