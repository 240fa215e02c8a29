namespace EventSpike.Actors.Cluster;

/// <summary>Coordinator → a node's outbox after the run: what did you send? Answered with <see cref="TrafficReport"/>.</summary>
public sealed record TrafficQuery : IClusterMessage;
