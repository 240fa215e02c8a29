namespace EventSpike.Actors.Messages;

/// <summary>Layer → scheduler: its waiting batches are in its engine.</summary>
public sealed record InputsDrained(int Layer) : Cluster.IClusterMessage;
