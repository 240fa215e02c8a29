namespace EventSpike.Actors.Recording;

/// <summary>
/// Where the recorder puts spikes. <see cref="Write"/> is called in the contract's order: by step,
/// then by layer in network-file order, with the neurons of one (step, layer) in ascending order.
/// </summary>
public interface ISpikeSink
{
    void Write(long step, int layer, ReadOnlySpan<int> neurons);

    /// <summary>A window of a recorded continuous layer: <c>samples[i·channels + c]</c> is channel c at step <c>startStep + i</c>.</summary>
    void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples)
    {
    }

    /// <summary>Samples of probe <paramref name="probe"/>: after step <c>steps[i]</c>, values <c>values[i·n .. (i+1)·n)</c>.</summary>
    void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
    }

    /// <summary>Makes everything written so far durable and returns its size, for a checkpoint (0 when the sink keeps no journal).</summary>
    long Mark() => 0;

    /// <summary>No more spikes: make the outputs whole.</summary>
    void Complete();
}
