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

    private readonly Dictionary<int, Queue<(long[] Steps, double[] Values)>> _probeWindows = new();

    // The run's probes that make up each file probe, in shard order (looked up once, not per window).
    private readonly ILookup<int, Routing.Network.CompiledProbe> _parts = network.Probes.ToLookup(p => p.FileProbe);

    // Run probes that read a whole file probe in its order (a layer that is not sharded): passed on as they are.
    private readonly HashSet<int> _whole = network.Probes.GroupBy(p => p.FileProbe).Where(g => g.Count() == 1 &&
        (g.First().Columns is not { } c || c.SequenceEqual(Enumerable.Range(0, c.Length)))).Select(g => g.First().Id).ToHashSet();

    /// <summary>
    /// A shard's part of a probe: once every shard has sent the same window, their samples are put back
    /// in the file probe's neuron order and handed on as one.
    /// </summary>
    public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        var run = network.Probes[probe];
        var parts = _parts[run.FileProbe];
        if (_whole.Contains(probe))
        {
            inner.WriteProbe(run.FileProbe, steps, values);
            return;
        }
        if (!_probeWindows.TryGetValue(probe, out var queue)) _probeWindows[probe] = queue = new();
        queue.Enqueue((steps.ToArray(), values.ToArray()));
        if (parts.Any(p => !_probeWindows.TryGetValue(p.Id, out var q) || q.Count == 0)) return;
        var width = network.FileProbes[run.FileProbe].Probe.Neurons.Length;
        long[] samples = [];
        var merged = Array.Empty<double>();
        foreach (var part in parts)
        {
            var (partSteps, partValues) = _probeWindows[part.Id].Dequeue();
            if (merged.Length == 0)
            {
                samples = partSteps;
                merged = new double[samples.Length * width];
            }
            var columns = part.Columns ?? Enumerable.Range(0, width).ToArray();
            for (var i = 0; i < samples.Length; i++)
                for (var c = 0; c < columns.Length; c++)
                    merged[i * width + columns[c]] = partValues[i * columns.Length + c];
        }
        inner.WriteProbe(run.FileProbe, samples, merged);
    }

    public long Mark() => inner.Mark();

    public void Complete() => inner.Complete();
}
