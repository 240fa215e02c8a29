namespace EventSpike.Routing.Network;

/// <summary>A network description is inconsistent; the message names the layer or connection and what is wrong.</summary>
public sealed class NetworkSpecException(string message) : Exception(message);
