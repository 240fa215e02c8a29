using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// EventSpike's downing policy, run on every node (workers and coordinators): a member that stays unreachable
/// for <c>eventspike.cluster.down-unreachable-after</c> (default 3 s, <c>off</c> to leave downing to the
/// HOCON's <c>downing-provider-class</c>) is downed, so it is removed, no run counts it, and a node restarted
/// on its address can join. The nodes share no state (no singletons, no sharding; a run that loses a node
/// fails or resumes by itself), so a partition is safe to split into two clusters: each side keeps working
/// instead of one side downing itself, as a split-brain resolver's keep-majority or keep-oldest would do to
/// a two-worker cluster that loses one.
/// </summary>
public sealed class UnreachableDowning : ReceiveActor, IWithTimers
{
    public const string Setting = "eventspike.cluster.down-unreachable-after";

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public ITimerScheduler Timers { get; set; } = null!;

    public UnreachableDowning(TimeSpan after)
    {
        Receive<ClusterEvent.UnreachableMember>(m => Timers.StartSingleTimer(m.Member.UniqueAddress, m.Member.UniqueAddress, after));
        Receive<ClusterEvent.ReachableMember>(m => Timers.Cancel(m.Member.UniqueAddress));
        Receive<ClusterEvent.MemberRemoved>(m => Timers.Cancel(m.Member.UniqueAddress));
        Receive<UniqueAddress>(Down);
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public static Props Props(TimeSpan after) => Akka.Actor.Props.Create(() => new UnreachableDowning(after));

    protected override void PreStart() => _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Down(UniqueAddress member)
    {
        if (!_cluster.State.Unreachable.Any(m => m.UniqueAddress.Equals(member))) return;
        Context.GetLogger().Warning("cluster: node {0} unreachable for {1}: downed", member.Address, Context.System.Settings.Config.GetString(Setting));
        _cluster.Down(member.Address);
    }
}
