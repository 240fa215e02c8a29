using Akka.Actor;
using Akka.Cluster;
using EventSpike.Actors.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// On the coordinator: watches the cluster while a run goes on; when a node that hosts layers
/// becomes unreachable (the failure detector's verdict), it fails the run naming the node.
/// </summary>
public sealed class NodeWatcher : ReceiveActor
{
    public NodeWatcher(IReadOnlyDictionary<Address, IReadOnlyList<string>> hosts, IActorRef scheduler, Action<Address>? lost = null)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<ClusterEvent.UnreachableMember>(m => Lost(m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });

        void Lost(Address address)
        {
            if (!hosts.TryGetValue(address, out var layers)) return;
            lost?.Invoke(address);
            scheduler.Tell(new RunFailed($"node {address} was lost (it hosted {string.Join(", ", layers)})", 0));
        }

        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
    }

    public static Props Props(IReadOnlyDictionary<Address, IReadOnlyList<string>> hosts, IActorRef scheduler, Action<Address>? lost = null) =>
        Akka.Actor.Props.Create(() => new NodeWatcher(hosts, scheduler, lost));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
