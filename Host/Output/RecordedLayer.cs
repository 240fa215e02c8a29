namespace EventSpike.Host.Output;

/// <summary>A recorded layer of the network file: its id, name and size, and whether its output is continuous (samples, not spikes).</summary>
public sealed record RecordedLayer(int Layer, string Name, int Size, bool Continuous = false);
