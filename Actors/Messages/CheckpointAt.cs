namespace EventSpike.Actors.Messages;

/// <summary>Scheduler → layers and recorder: the run stops at window <paramref name="Window"/>; hand in your state there.</summary>
public sealed record CheckpointAt(long Window) : Cluster.IClusterMessage;
