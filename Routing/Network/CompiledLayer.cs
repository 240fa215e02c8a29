using EventSpike.Neurons.Models;

namespace EventSpike.Routing.Network;

/// <summary>A built layer: its id (position in the file), name, model, whether it is recorded, and how many base steps one of its steps lasts.</summary>
public sealed record CompiledLayer(int Id, string Name, ILayerModel Model, bool Recorded)
{
    /// <summary>Base steps per step of this layer (its dt over the network's).</summary>
    public int StepMultiple { get; init; } = 1;

    public int Size => Model.Size;

    /// <summary>The layer of the file this is (a shard of): its id there. The same as <see cref="Id"/> without sharding.</summary>
    public int Origin { get; init; } = -1;

    /// <summary>A shard's first neuron in its whole layer (0 for a layer that is not sharded).</summary>
    public int Offset { get; init; }

    /// <summary>The cluster node the file pins this layer to (an index among the workers or HOST:PORT); null: placed by cost.</summary>
    public string? Node { get; init; }

    /// <summary>The file's layer id (see <see cref="Origin"/>).</summary>
    /// <summary>The backend the network file asks for (<c>"backend"</c>); null: the run's default.</summary>
    public string? Backend { get; init; }

    public int OriginId => Origin < 0 ? Id : Origin;
}
