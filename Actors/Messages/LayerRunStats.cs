namespace EventSpike.Actors.Messages;

/// <summary>What one layer did in a run: spikes emitted, seconds computing, seconds waiting for inputs, and the most sender batches it ever held.</summary>
public sealed record LayerRunStats(int Layer, long Spikes, double ComputeSeconds, double WaitSeconds, int MaxQueued = 0)
{
    /// <summary>Batches sent to each consumer (one per window) and their payload bytes, summed over windows.</summary>
    public long Batches { get; init; }

    public long BatchBytes { get; init; }

    /// <summary>What the layer's backend counted: synaptic events delivered and neuron updates.</summary>
    public long SynapticEvents { get; init; }

    public long NeuronUpdates { get; init; }
}
