using Akka.Actor;
using EventSpike.Routing.Network;

namespace EventSpike.Host.ClusterRuns;

/// <summary>
/// Places layers on worker nodes by estimated cost (neurons + incoming synapses): the costliest
/// layer first, each onto the node with the least cost so far. Nodes are taken in address order,
/// so the same cluster always gets the same placement (the results never depend on it anyway).
/// </summary>
public static class ClusterPlacement
{
    public static Dictionary<int, Address> Place(CompiledNetwork network, IReadOnlyList<Address> workers)
    {
        var nodes = workers.OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var load = new long[nodes.Count];
        var placement = new Dictionary<int, Address>();
        var costs = network.Layers.Select(l => (l.Id, Cost: l.Size + network.IncomingOf(l.Id).Sum(c => c.Synapses.Count)))
            .OrderByDescending(x => x.Cost).ThenBy(x => x.Id);
        foreach (var (id, cost) in costs)
        {
            var node = Array.IndexOf(load, load.Min());
            placement[id] = nodes[node];
            load[node] += cost;
        }
        return placement;
    }
}
