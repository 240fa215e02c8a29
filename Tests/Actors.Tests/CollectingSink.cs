using EventSpike.Actors.Recording;

namespace EventSpike.Actors.Tests;

/// <summary>Keeps every recorded spike as (step, layer, neuron), and every window of samples, in the order the recorder wrote them.</summary>
public sealed class CollectingSink : ISpikeSink
{
    public List<(long Step, int Layer, int Neuron)> Spikes { get; } = new();

    /// <summary>Windows of continuous layers as the sink got them.</summary>
    public List<(int Layer, long StartStep, int Channels, double[] Samples)> SampleWindows { get; } = new();

    public bool Completed { get; private set; }

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        foreach (var n in neurons) Spikes.Add((step, layer, n));
    }

    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples) =>
        SampleWindows.Add((layer, startStep, channels, samples.ToArray()));

    /// <summary>Every sample as (layer, step, channel, the bits of its value), in the order written: equal lists are equal bit for bit.</summary>
    public List<(int Layer, long Step, int Channel, long Bits)> SampleBits() =>
        SampleWindows.SelectMany(w => w.Samples.Select((v, i) => (w.Layer, w.StartStep + i / w.Channels, i % w.Channels, BitConverter.DoubleToInt64Bits(v))))
            .ToList();

    public void Complete() => Completed = true;

    /// <summary>The journal size of this sink is its number of spikes.</summary>
    public long Mark() => Spikes.Count;
}
