using EventSpike.Neurons.Models;

namespace EventSpike.Routing.Network;

/// <summary>A built layer: its id (position in the file), name, model, whether it is recorded, and how many base steps one of its steps lasts.</summary>
public sealed record CompiledLayer(int Id, string Name, ILayerModel Model, bool Recorded)
{
    /// <summary>Base steps per step of this layer (its dt over the network's).</summary>
    public int StepMultiple { get; init; } = 1;

    public int Size => Model.Size;
}
