using EventSpike.Neurons.Series;

namespace EventSpike.Host.Output;

/// <summary>The spikes of one recorded layer in time order: spike i is neuron <c>Neurons[i]</c> at time <c>TimeSteps[i]·dt</c> (a spike of step k is stamped k+1).</summary>
public sealed class RecordedSpikes(int layer, string name, int size, bool continuous = false, double dt = 1)
{
    /// <summary>For a continuous layer: its samples, each stamped at the end of its step.</summary>
    public TSContinuousBuilder? Samples { get; } = continuous ? new TSContinuousBuilder(dt, size, 0, name, stampAtStepEnd: true) : null;

    public int Layer { get; } = layer;
    public string Name { get; } = name;
    public int Size { get; } = size;
    public List<long> TimeSteps { get; } = new();
    public List<int> Neurons { get; } = new();
    public long Count => Neurons.Count;
}
