using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>A worker node of a run: its address, and the outbox and inbox its agent made for the run.</summary>
public sealed record HostedNode(Address Address, IActorRef Outbox, IActorRef Inbox)
{
    /// <summary>The port its inbox takes <see cref="SpikeLink"/>s on (0: bundles to it go by remoting).</summary>
    public int LinkPort { get; init; }
}
