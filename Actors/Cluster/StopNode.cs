namespace EventSpike.Actors.Cluster;

/// <summary>Coordinator → node agent: the run is over; stop the layers this node hosts.</summary>
public sealed record StopNode : IClusterMessage;
