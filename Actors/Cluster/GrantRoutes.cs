using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>Wiring → scheduler (same process): the inbox of each layer's node, by layer; grants for one node go there in one message.</summary>
public sealed record GrantRoutes(IReadOnlyList<IActorRef> Inboxes);
