namespace EventSpike.Neurons.Models;

/// <summary>
/// A named input of a layer model (as in Lava's ports); connections name the port they feed.
/// <paramref name="Width"/> is the number of channels the port takes: the layer's size for
/// synaptic ports, the number of input channels (Rockpool's <c>size_in</c>) for models that apply
/// their own input weights.
/// </summary>
public sealed record InputPort(string Name, PortKind Kind, int Width);
