using Akka.Actor;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>A spike batch for several consumers on the receiving node; its fan-out actor hands it to each, in order.</summary>
public sealed record FanoutSpikes(SpikeBatch Batch, IReadOnlyList<IActorRef> Targets) : IClusterMessage;
