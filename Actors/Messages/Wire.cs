using Akka.Actor;

namespace EventSpike.Actors.Messages;

/// <summary>
/// Tells a layer actor where its output goes: the consumer layers, the recorder when the layer is
/// recorded, where its probes' samples go (<paramref name="ProbeIds"/>[i] is the network id of its i-th probe).
/// </summary>
public sealed record Wire(IReadOnlyList<IActorRef> Consumers, IActorRef? Recorder, IActorRef? ProbeRecorder = null, IReadOnlyList<int>? ProbeIds = null)
    : Cluster.IClusterMessage
{
    /// <summary>
    /// Cluster runs: the node's outbox, which carries this layer's output to other nodes (consumers
    /// there, the coordinator's recorder, probe samples) in one message per node pair and window.
    /// </summary>
    public IActorRef? Outbox { get; init; }
}
