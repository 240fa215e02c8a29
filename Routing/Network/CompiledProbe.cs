using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>A checked probe: its id (position in the file), the layer it reads and what it reads.</summary>
public sealed record CompiledProbe(int Id, int Layer, Probe Probe);
