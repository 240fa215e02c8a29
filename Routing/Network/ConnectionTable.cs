using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// A compiled connection: synapses from layer <see cref="From"/> to layer <see cref="To"/> (ids are
/// positions in the network file), arriving <see cref="DelaySteps"/> steps after the source spike
/// on port <see cref="Port"/> of the target model.
/// In a network with sharded layers, the connection <see cref="Id"/> of the file becomes one table
/// per (source shard, target shard): those onto one target shard share one <see cref="Synapses"/>
/// table (rows: every neuron of the whole source layer; columns: the target shard's neurons) and
/// one ring, and each source shard's spikes enter at row <see cref="SourceOffset"/>.
/// </summary>
public sealed record ConnectionTable(int Id, int From, int To, int Port, int DelaySteps, SynapseTable Synapses)
{
    /// <summary>The row of the source's neuron 0 in <see cref="Synapses"/> (a source shard's first neuron; 0 otherwise).</summary>
    public int SourceOffset { get; init; }

    /// <summary>
    /// A shard's connection onto itself that is delivered by message like any other, so that its
    /// spikes meet those of the other shards in neuron order (not closed inside the engine).
    /// </summary>
    public bool Routed { get; init; }

    /// <summary>
    /// How many synapses the connection has: <see cref="Synapses"/>' count when built, else the number
    /// expected from the weights (a node or coordinator that does not build this connection).
    /// </summary>
    public long ExpectedSynapses { get; init; }

    /// <summary>Closed inside the layer's engine, step by step.</summary>
    public bool Recurrent => From == To && !Routed;
}
