namespace EventSpike.Neurons.Series;

/// <summary>
/// The spikes of a window of <see cref="Steps"/> clock steps starting at <see cref="StartStep"/>, in
/// compressed rows by step (CSR): the neurons (channels) that spiked at step <c>StartStep + i</c> are
/// <c>Neurons[StepPtr[i]..StepPtr[i+1])</c>, ascending, repeats allowed (several events of one channel in
/// one step). The same layout as the runtime's <c>SpikeBatch</c>.
/// </summary>
public sealed record SpikeRows(long StartStep, int Steps, int[] StepPtr, int[] Neurons)
{
    /// <summary>Number of spikes in the window.</summary>
    public int Count => Neurons.Length;

    /// <summary>The neurons that spiked at step offset <paramref name="offset"/>.</summary>
    public ReadOnlySpan<int> At(int offset) => Neurons.AsSpan(StepPtr[offset], StepPtr[offset + 1] - StepPtr[offset]);
}
