using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>A bundle's destination: that node's inbox, its address (for traffic figures) and how many layers fill each window's bundle.</summary>
public sealed record OutboxTarget(IActorRef Inbox, string Node, int Members)
{
    /// <summary>Where the destination's inbox takes a <see cref="SpikeLink"/> (null: bundles go to <see cref="Inbox"/> by remoting).</summary>
    public string? LinkHost { get; init; }

    public int LinkPort { get; init; }
}
