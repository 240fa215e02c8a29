namespace EventSpike.Actors.Cluster;

/// <summary>Coordinator → a node's outbox: where each local layer's window output goes (<see cref="OutboxRoute"/>s) and the bundles it fills (<see cref="OutboxTarget"/>s, by index).</summary>
public sealed record OutboxPlan(IReadOnlyList<OutboxRoute> Routes, IReadOnlyList<OutboxTarget> Bundles) : IClusterMessage;
