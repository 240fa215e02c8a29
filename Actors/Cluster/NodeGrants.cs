namespace EventSpike.Actors.Cluster;

/// <summary>Scheduler → a node's inbox: grants for several of its layers at once (layer <c>Layers[i]</c> may run up to window <c>Windows[i]</c>).</summary>
public sealed record NodeGrants(int[] Layers, long[] Windows) : IClusterMessage;
