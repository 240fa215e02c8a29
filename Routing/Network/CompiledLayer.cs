using EventSpike.Neurons.Models;

namespace EventSpike.Routing.Network;

/// <summary>A built layer: its id (position in the file), name, model and whether it is recorded.</summary>
public sealed record CompiledLayer(int Id, string Name, ILayerModel Model, bool Recorded)
{
    public int Size => Model.Size;
}
