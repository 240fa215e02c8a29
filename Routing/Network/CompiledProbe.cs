using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// A checked probe: its id, the layer it reads and what it reads. In <see cref="CompiledNetwork.FileProbes"/>
/// the id is its position in the file and the layer a file layer; in <see cref="CompiledNetwork.Probes"/>
/// (what runs) a probe of a sharded layer becomes one per shard, each reading its neurons from the
/// shard's first: <see cref="FileProbe"/> and <see cref="Columns"/> (positions in the file probe's
/// neuron list) put its samples back in place.
/// </summary>
public sealed record CompiledProbe(int Id, int Layer, Probe Probe)
{
    /// <summary>The file's probe this reads for (its own id when the layer is whole).</summary>
    public int FileProbe { get; init; } = -1;

    /// <summary>Where this probe's neurons stand in the file probe's list (null: all of them, in order).</summary>
    public int[]? Columns { get; init; }
}
