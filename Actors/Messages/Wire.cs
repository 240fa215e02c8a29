using Akka.Actor;

namespace EventSpike.Actors.Messages;

/// <summary>
/// Tells a layer actor where its output goes: the consumer layers, the recorder when the layer is
/// recorded, where its probes' samples go (<paramref name="ProbeIds"/>[i] is the network id of its i-th probe).
/// </summary>
public sealed record Wire(IReadOnlyList<IActorRef> Consumers, IActorRef? Recorder, IActorRef? ProbeRecorder = null, IReadOnlyList<int>? ProbeIds = null)
    : Cluster.IClusterMessage
{
    /// <summary>Consumers on remote nodes reached through the node's fan-out actor (one message per node per window).</summary>
    public IReadOnlyList<Cluster.FanoutRoute> Fanouts { get; init; } = [];
}
