using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>Consumers on one remote node, reached through that node's fan-out actor: one message per window instead of one per consumer.</summary>
public sealed record FanoutRoute(IActorRef Via, IReadOnlyList<IActorRef> Targets);
