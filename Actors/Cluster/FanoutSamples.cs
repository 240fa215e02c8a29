using Akka.Actor;
using EventSpike.Routing.Messages;

namespace EventSpike.Actors.Cluster;

/// <summary>A continuous batch for several consumers on the receiving node; its fan-out actor hands it to each, in order.</summary>
public sealed record FanoutSamples(ContinuousBatch Batch, IReadOnlyList<IActorRef> Targets) : IClusterMessage;
