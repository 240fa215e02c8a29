using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>Node agent → coordinator: the layer actors it created (same order as asked), or why it could not.</summary>
public sealed record LayersHosted(IReadOnlyList<int> Layers, IReadOnlyList<IActorRef> Actors, string? Error) : IClusterMessage
{
    /// <summary>The node's outbox for this run (its layers' output to other nodes) and inbox (other nodes' bundles for its layers).</summary>
    public IActorRef? Outbox { get; init; }

    public IActorRef? Inbox { get; init; }

    /// <summary>Synapses of the connections into the hosted layers (what this node built and keeps).</summary>
    public long Synapses { get; init; }

    /// <summary>The port the node's inbox listens on for <see cref="SpikeLink"/>s from the other nodes (0: none, bundles come by remoting).</summary>
    public int LinkPort { get; init; }
}
