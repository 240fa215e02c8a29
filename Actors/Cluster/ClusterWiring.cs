using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Connects the layers of a cluster run: consumers on the same node get each batch directly;
/// everything for another node (consumers there, the coordinator's recorder, probe samples) goes
/// through the node's outbox in the bundles <see cref="BundlePlanner"/> chose, one message per
/// bundle and window, to that node's inbox; the layers' reports to the scheduler ride in the bundle to
/// the coordinator, and the scheduler's grants go to each node's inbox, one message for all its layers.
/// </summary>
public static class ClusterWiring
{
    /// <param name="layers">The layer actors, by run layer id (all on worker nodes).</param>
    /// <param name="nodes">The worker nodes hosting them.</param>
    /// <param name="coordinatorInbox">The inbox on this (coordinator) node, which hands batches and probe samples to the recorder.</param>
    /// <param name="scheduler">The run's scheduler, told where to send each layer's grants.</param>
    public static void Wire(CompiledNetwork network, IReadOnlyList<IActorRef> layers, IReadOnlyList<HostedNode> nodes, IActorRef coordinatorInbox,
        IActorRef scheduler)
    {
        var nodeOf = layers.Select(r => r.Path.Address.ToString()).ToList();
        var byAddress = nodes.ToDictionary(n => n.Address.ToString(), StringComparer.Ordinal);
        bool Probed(int l) => network.ProbesOf(l).Count > 0;
        // Every layer reports to the scheduler through its node's bundle to the coordinator.
        var bundles = BundlePlanner.Plan(network, nodeOf, _ => true);
        foreach (var node in nodes)
        {
            var key = node.Address.ToString();
            var mine = bundles.Where(b => b.From == key).ToList();
            var targets = mine.Select(b => b.To == BundlePlanner.Coordinator
                ? new OutboxTarget(coordinatorInbox, b.To, b.Members.Count)
                : new OutboxTarget(byAddress[b.To].Inbox, b.To, b.Members.Count)
                    { LinkHost = byAddress[b.To].LinkPort > 0 ? byAddress[b.To].Address.Host : null, LinkPort = byAddress[b.To].LinkPort }).ToList();
            var routes = new List<OutboxRoute>();
            for (var i = 0; i < mine.Count; i++)
            {
                var to = mine[i].To;
                foreach (var layer in mine[i].Members)
                {
                    var ids = to == BundlePlanner.Coordinator
                        ? network.Layers[layer].Recorded ? [BundledBatch.Recorder] : []
                        : network.ConsumersOf(layer).Where(k => nodeOf[k] == to).ToArray();
                    routes.Add(new OutboxRoute(layer, i, ids, to == BundlePlanner.Coordinator && Probed(layer), Report: to == BundlePlanner.Coordinator));
                }
            }
            node.Outbox.Tell(new OutboxPlan(routes, targets));
        }
        foreach (var layer in network.Layers)
        {
            var local = network.ConsumersOf(layer.Id).Where(k => nodeOf[k] == nodeOf[layer.Id]).Select(k => layers[k]).ToList();
            layers[layer.Id].Tell(new Wire(local, null, null, network.ProbesOf(layer.Id).Select(p => p.Id).ToList())
                { Outbox = byAddress[nodeOf[layer.Id]].Outbox });
        }
        scheduler.Tell(new GrantRoutes(nodeOf.Select(n => byAddress[n].Inbox).ToList()));
    }
}
