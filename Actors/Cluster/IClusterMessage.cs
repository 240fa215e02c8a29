namespace EventSpike.Actors.Cluster;

/// <summary>Marks the runtime's messages that may cross nodes: HOCON binds them all to <see cref="MessagePackAkkaSerializer"/>.</summary>
public interface IClusterMessage;
