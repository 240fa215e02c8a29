namespace EventSpike.Neurons.Models;

/// <summary>
/// An input port as a model class declares it before any layer is built: its name (what
/// connections name) and how it reads its input. The width (<see cref="InputPort.Width"/>) is left
/// out: it follows from the layer's size or from its weights, so only a built model knows it.
/// </summary>
public sealed record PortInfo(string Name, PortKind Kind)
{
    /// <summary>The name and kind of a built model's port.</summary>
    public static PortInfo Of(InputPort port) => new(port.Name, port.Kind);
}
