using Akka.Actor;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.ClusterRuns;

/// <summary>
/// Places the run's layers (shards included) on worker nodes. A layer the file pins with
/// <c>"node"</c> goes there; the rest by estimated cost (neurons + incoming synapses): the costliest
/// first, each onto the node with the least cost so far, so the shards of a large layer spread over
/// the nodes. Nodes are taken in address order, so the same cluster always gets the same placement
/// (the results never depend on it anyway).
/// </summary>
public static class ClusterPlacement
{
    public static Dictionary<int, Address> Place(CompiledNetwork network, IReadOnlyList<Address> workers)
    {
        var nodes = workers.OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var load = new long[nodes.Count];
        var placement = new Dictionary<int, Address>();
        long Cost(CompiledLayer l) => l.Size + network.ProjectionsOf(l.Id).Sum(g => g[0].ExpectedSynapses);
        foreach (var layer in network.Layers.Where(l => l.Node is not null))
        {
            var node = Pinned(layer, nodes);
            placement[layer.Id] = nodes[node];
            load[node] += Cost(layer);
        }
        var costs = network.Layers.Where(l => l.Node is null).Select(l => (l.Id, Cost: Cost(l)))
            .OrderByDescending(x => x.Cost).ThenBy(x => x.Id);
        foreach (var (id, cost) in costs)
        {
            var node = Array.IndexOf(load, load.Min());
            placement[id] = nodes[node];
            load[node] += cost;
        }
        return placement;
    }

    /// <summary>The node a layer is pinned to: an index among the workers in address order, or HOST:PORT.</summary>
    private static int Pinned(CompiledLayer layer, List<Address> nodes)
    {
        var wanted = layer.Node!;
        if (int.TryParse(wanted, out var index))
        {
            if (index < 0 || index >= nodes.Count)
                throw new InputException($"layer '{layer.Name}': node {index} does not exist; {nodes.Count} worker node(s) joined (0..{nodes.Count - 1})");
            return index;
        }
        var found = nodes.FindIndex(a => $"{a.Host}:{a.Port}" == wanted || a.ToString() == wanted);
        if (found < 0)
            throw new InputException($"layer '{layer.Name}': node '{wanted}' is not among the workers ({string.Join(", ", nodes.Select(a => $"{a.Host}:{a.Port}"))})");
        return found;
    }
}
