namespace EventSpike.Neurons.Models;

/// <summary>A named input of a layer model (as in Lava's ports); connections name the port they feed.</summary>
public sealed record InputPort(string Name, PortKind Kind);
