using EventSpike.Routing.Network;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Decides which layers of a node share one message per window to another node. A bundle leaves
/// only when every member has finished the window, so it makes each consumer it feeds wait for all
/// members: where a member needs, within the same window, what another member's bundle brings
/// (a path of connections shorter than a window through other nodes), sharing would deadlock. The
/// planner starts from the network's same-window dependencies (connections with a delay shorter
/// than the window; acyclic, as the compiler chose the window so) and adds each layer to the first
/// bundle of its node pair that keeps the graph acyclic, or to a bundle of its own. Everything bound
/// for the coordinator (recordings and probe samples) feeds nothing and always shares one bundle.
/// </summary>
public static class BundlePlanner
{
    /// <summary>The coordinator's node key (it hosts the recorder).</summary>
    public const string Coordinator = "coordinator";

    /// <param name="network">The run's network.</param>
    /// <param name="nodeOf">Each layer's node key.</param>
    /// <param name="toCoordinator">Whether a layer sends anything to the coordinator (recorded or probed).</param>
    /// <returns>Every bundle: its source node, its destination node and its members (layer ids, ascending).</returns>
    public static IReadOnlyList<WindowBundle> Plan(CompiledNetwork network, IReadOnlyList<string> nodeOf, Func<int, bool> toCoordinator)
    {
        var n = network.Layers.Count;
        var window = network.Plan.WindowSteps;
        // Same-window edges: consumer's window w needs the sender's window w.
        var sameWindow = network.Connections.Where(c => !c.Recurrent && c.DelaySteps < window).Select(c => (c.From, c.To)).Distinct().ToList();
        var next = new List<List<int>>();
        for (var i = 0; i < n; i++) next.Add(new List<int>());
        foreach (var (from, to) in sameWindow) next[from].Add(to);

        var bundles = new List<WindowBundle>();
        var pairs = new SortedSet<(string From, string To)>(Comparer<(string, string)>.Create((a, b) =>
            string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2)));
        for (var l = 0; l < n; l++)
        {
            foreach (var k in network.ConsumersOf(l))
                if (nodeOf[k] != nodeOf[l]) pairs.Add((nodeOf[l], nodeOf[k]));
            if (toCoordinator(l) && nodeOf[l] != Coordinator) pairs.Add((nodeOf[l], Coordinator));
        }
        foreach (var (from, to) in pairs)
        {
            var members = Enumerable.Range(0, n).Where(l => nodeOf[l] == from &&
                (to == Coordinator ? toCoordinator(l) : network.ConsumersOf(l).Any(k => nodeOf[k] == to)));
            var open = new List<(int Node, List<int> Members)>();
            foreach (var layer in members)
            {
                var placed = false;
                foreach (var bundle in open)
                {
                    // Tentatively: the bundle's node waits for this layer and feeds its same-window consumers on the destination.
                    next[layer].Add(bundle.Node);
                    var added = SameWindowConsumers(layer, to).Where(k => !next[bundle.Node].Contains(k)).ToList();
                    next[bundle.Node].AddRange(added);
                    if (!HasCycle(next))
                    {
                        bundle.Members.Add(layer);
                        placed = true;
                        break;
                    }
                    next[layer].RemoveAt(next[layer].Count - 1);
                    next[bundle.Node].RemoveRange(next[bundle.Node].Count - added.Count, added.Count);
                }
                if (placed) continue;
                var node = next.Count;
                next.Add(SameWindowConsumers(layer, to).ToList());
                next[layer].Add(node);
                open.Add((node, [layer]));
            }
            bundles.AddRange(open.Select(b => new WindowBundle(from, to, b.Members)));
        }
        return bundles;

        IEnumerable<int> SameWindowConsumers(int layer, string node) =>
            sameWindow.Where(e => e.From == layer && nodeOf[e.To] == node).Select(e => e.To);
    }

    private static bool HasCycle(List<List<int>> next)
    {
        var state = new byte[next.Count]; // 0 new, 1 on the path, 2 done
        var stack = new Stack<(int Node, int Edge)>();
        for (var s = 0; s < next.Count; s++)
        {
            if (state[s] != 0) continue;
            stack.Push((s, 0));
            state[s] = 1;
            while (stack.Count > 0)
            {
                var (v, e) = stack.Pop();
                if (e < next[v].Count)
                {
                    stack.Push((v, e + 1));
                    var w = next[v][e];
                    if (state[w] == 1) return true;
                    if (state[w] == 0)
                    {
                        state[w] = 1;
                        stack.Push((w, 0));
                    }
                }
                else state[v] = 2;
            }
        }
        return false;
    }
}
