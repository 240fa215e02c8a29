namespace EventSpike.Actors.Messages;

/// <summary>The run could not go on; <paramref name="Reason"/> says who failed and <paramref name="StepsReached"/> how far every layer got.</summary>
public sealed record RunFailed(string Reason, long StepsReached) : Cluster.IClusterMessage;
