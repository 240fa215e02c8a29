using Akka.Actor;

namespace EventSpike.Actors.Cluster;

/// <summary>A bundle's destination: that node's inbox, its address (for traffic figures) and how many layers fill each window's bundle.</summary>
public sealed record OutboxTarget(IActorRef Inbox, string Node, int Members);
