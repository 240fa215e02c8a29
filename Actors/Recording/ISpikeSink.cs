namespace EventSpike.Actors.Recording;

/// <summary>
/// Where the recorder puts spikes. <see cref="Write"/> is called in the contract's order: by step,
/// then by layer in network-file order, with the neurons of one (step, layer) in ascending order.
/// </summary>
public interface ISpikeSink
{
    void Write(long step, int layer, ReadOnlySpan<int> neurons);

    /// <summary>No more spikes: make the outputs whole.</summary>
    void Complete();
}
