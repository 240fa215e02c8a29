using EventSpike.Actors.Recording;

namespace EventSpike.Actors.Api;

/// <summary>Collects what every layer produced during one <see cref="Network.Evolve"/>: spikes (step, neuron) and samples by step.</summary>
internal sealed class EvolveSink(int layers) : ISpikeSink
{
    public List<(long Step, int Neuron)>[] Spikes { get; } = Enumerable.Range(0, layers).Select(_ => new List<(long, int)>()).ToArray();
    public List<(long StartStep, int Channels, double[] Samples)>[] Samples { get; } =
        Enumerable.Range(0, layers).Select(_ => new List<(long, int, double[])>()).ToArray();

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        foreach (var n in neurons) Spikes[layer].Add((step, n));
    }

    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples) =>
        Samples[layer].Add((startStep, channels, samples.ToArray()));

    public void Complete()
    {
    }
}
