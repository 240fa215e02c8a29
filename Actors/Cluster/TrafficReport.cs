namespace EventSpike.Actors.Cluster;

/// <summary>A node's outbox → coordinator: what it sent, per destination node.</summary>
public sealed record TrafficReport(string Node, IReadOnlyList<TrafficEntry> Sent) : IClusterMessage;
