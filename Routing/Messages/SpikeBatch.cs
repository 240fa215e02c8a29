using MessagePack;

namespace EventSpike.Routing.Messages;

/// <summary>
/// The spikes one layer produced in one window: steps <c>StartStep .. StartStep+Steps−1</c>; the
/// spikes of step offset i are the neuron indices <c>Neurons[StepPtr[i]..StepPtr[i+1])</c>
/// (compressed rows by step, ascending neuron order within a step; an index repeats for several
/// spikes in one step). Immutable: in one process it is passed by reference to every consumer.
/// </summary>
[MessagePackObject]
public sealed record SpikeBatch(
    [property: Key(0)] int SourceLayer,
    [property: Key(1)] long StartStep,
    [property: Key(2)] int Steps,
    [property: Key(3)] int[] StepPtr,
    [property: Key(4)] int[] Neurons)
{
    [IgnoreMember]
    public int Count => Neurons.Length;

    /// <summary>An empty batch for a window of <paramref name="steps"/> steps.</summary>
    public static SpikeBatch Empty(int sourceLayer, long startStep, int steps) =>
        new(sourceLayer, startStep, steps, new int[steps + 1], []);

    /// <summary>The neurons that spiked at step offset <paramref name="offset"/>.</summary>
    public ReadOnlySpan<int> At(int offset) => Neurons.AsSpan(StepPtr[offset], StepPtr[offset + 1] - StepPtr[offset]);
}
