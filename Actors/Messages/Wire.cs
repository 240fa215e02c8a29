using Akka.Actor;

namespace EventSpike.Actors.Messages;

/// <summary>Tells a layer actor where its spikes go: the consumer layers and, when the layer is recorded, the recorder.</summary>
public sealed record Wire(IReadOnlyList<IActorRef> Consumers, IActorRef? Recorder);
