using EventSpike.Routing.Network;

namespace EventSpike.Actors.Recording;

/// <summary>
/// Hands a sink the spikes of a sharded run as the file's layers: a shard's spikes go to its whole
/// layer, its neurons numbered from the shard's offset. Shards are recorded in neuron order within
/// each step, so the sink sees exactly what an unsharded run gives it.
/// </summary>
public sealed class FileLayerSink(ISpikeSink inner, CompiledNetwork network) : ISpikeSink
{
    private int[] _shifted = new int[64];

    /// <summary>The sink to give a run of <paramref name="network"/>: <paramref name="sink"/> itself unless some layer is sharded.</summary>
    public static ISpikeSink For(ISpikeSink sink, CompiledNetwork network) => network.Sharded ? new FileLayerSink(sink, network) : sink;

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        var l = network.Layers[layer];
        if (l.Offset == 0)
        {
            inner.Write(step, l.OriginId, neurons);
            return;
        }
        if (_shifted.Length < neurons.Length) _shifted = new int[Math.Max(neurons.Length, 2 * _shifted.Length)];
        for (var i = 0; i < neurons.Length; i++) _shifted[i] = neurons[i] + l.Offset;
        inner.Write(step, l.OriginId, _shifted.AsSpan(0, neurons.Length));
    }

    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples) =>
        inner.WriteSamples(network.Layers[layer].OriginId, startStep, channels, samples);

    public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values) => inner.WriteProbe(probe, steps, values);

    public long Mark() => inner.Mark();

    public void Complete() => inner.Complete();
}
