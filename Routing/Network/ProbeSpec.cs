namespace EventSpike.Routing.Network;

/// <summary>
/// A probe as the network file asks for it: state variable <paramref name="Variable"/> of layer
/// <paramref name="Layer"/>, for the given neurons (all when null), every <paramref name="Interval"/>
/// seconds (every step when null).
/// </summary>
public sealed record ProbeSpec(string Layer, string Variable, int[]? Neurons, double? Interval)
{
    public string Where { get; init; } = "";
}
