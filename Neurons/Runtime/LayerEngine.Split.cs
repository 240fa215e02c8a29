using System.Runtime.InteropServices;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>A split layer: neuron ranges integrated and their targets fed in parallel on the <see cref="Kernels.KernelPool"/>.</summary>
public sealed partial class LayerEngine
{
    // Each partition's lists and offsets are written by its own thread every step: lists made with room (their items
    // follow each list object) and offset arrays padded to a cache line, so no two threads write into one line (the
    // port-input arrays keep their length: a model may count its ports by it).
    private const int PartListCapacity = 512, PadInts = 16;
    private int[][]? _partOffsets;   // [0]: the caller's read offsets into each partition's spikes; [p + 1]: partition p's
    private List<int>[]? _partFired; // per partition: the spikes of the step it feeds to its targets
    private int[] _takenIntegrate = [], _takenFeed = []; // per partition: taken by a worker in this region's phase (KernelPool.TakeOwn)

    /// <summary>
    /// Integrates <paramref name="steps"/> steps of a split layer: each partition first adds the spikes delivered since
    /// the last call to its own targets, then runs up to the shortest recurrent delay on its own; then every partition
    /// adds all spikes of those steps to its own targets.
    /// </summary>
    private void EvolveSplit(int steps, SpikeWindowBuilder? spikes)
    {
        _partOffsets ??= Enumerable.Range(0, _ranges.Length + 1).Select(_ => new int[_ranges.Length + PadInts]).ToArray();
        _partFired ??= _ranges.Select(_ => new List<int>(PartListCapacity)).ToArray();
        if (_takenIntegrate.Length != _ranges.Length) (_takenIntegrate, _takenFeed) = (new int[_ranges.Length], new int[_ranges.Length]);
        for (var k = 0; k < steps; k++)
        {
            var t = Step;
            var chunk = (int)Math.Min(_chunk, steps - k);
            // One region for both phases: integrate, then (after the barrier, once the shared rows are cleared) feed. Each
            // worker takes its own range in both phases, chunk after chunk: the range's rows and state stay in its core's cache.
            Array.Clear(_takenIntegrate);
            Array.Clear(_takenFeed);
            _pool!.Run(_ranges.Length, _ => ComputeChunk(KernelPool.TakeOwn(_takenIntegrate), t, chunk), () => ClearSharedRows(t, chunk),
                HasRecurrent ? _ => PropagateChunk(KernelPool.TakeOwn(_takenFeed), t, chunk) : null);
            var offsets = _partOffsets[0];
            Array.Clear(offsets);
            for (var c = 0; c < chunk; c++)
            {
                _spikes.Clear();
                for (var part = 0; part < _ranges.Length; part++)
                {
                    var count = _partCounts[part][c];
                    _spikes.AddRange(CollectionsMarshal.AsSpan(_partSpikes[part]).Slice(offsets[part], count));
                    offsets[part] += count;
                }
                spikes?.AddStep(_spikes);
            }
            Step = t + chunk;
            k += chunk - 1;
        }
    }

    /// <summary>
    /// After every partition integrated the chunk: the waiting delivered spikes are used up, and the rows that are not
    /// as wide as the layer (read by every partition) are cleared; each partition cleared its own part of the others.
    /// </summary>
    private void ClearSharedRows(long t, int chunk)
    {
        _pending.Clear();
        for (var c = 0; c < chunk; c++)
            for (var i = 0; i < _projections.Length; i++)
            {
                if (_ringRows[i] == 0) continue;
                var slot = (int)((t + c) % _ringRows[i]);
                if (_dirty[i][slot] && _width[i] != Model.Size) Array.Clear(_rings[i][slot]);
                _dirty[i][slot] = false;
                _touched[i][slot] = 0;
                _sources[i][slot].Clear();
            }
    }

    /// <summary>A partition integrates its neurons for <paramref name="chunk"/> steps from <paramref name="t"/>.</summary>
    private void ComputeChunk(int part, long t, int chunk)
    {
        var (from, to) = _ranges[part];
        var spikes = _partSpikes[part];
        var counts = _partCounts[part];
        var input = _partPortInput[part];
        spikes.Clear();
        counts.Clear();
        if (_pending.Count > 0) AddPending(part);
        for (var c = 0; c < chunk; c++)
        {
            var step = t + c;
            for (var port = 0; port < _portProjections.Length; port++) input[port] = InputOf(port, step, from, to);
            var before = spikes.Count;
            _partitioned!.StepRange(step, input, spikes, from, to);
            counts.Add(spikes.Count - before);
            if (_probes.Count > 0) SampleProbes(step, from, to);
        }
        for (var c = 0; c < chunk; c++)
            for (var i = 0; i < _projections.Length; i++)
            {
                if (_ringRows[i] == 0) continue;
                var slot = (int)((t + c) % _ringRows[i]);
                // Rows as wide as the layer: each partition clears its own part. Other rows (a port of
                // input channels, read by every partition) are cleared after all partitions are done.
                if (_dirty[i][slot] && _width[i] == Model.Size) Array.Clear(_rings[i][slot], from, to - from);
            }
    }

    /// <summary>A partition adds every spike of the chunk, step by step in neuron order, to its own targets.</summary>
    private void PropagateChunk(int part, long t, int chunk)
    {
        var offsets = _partOffsets![part + 1];
        Array.Clear(offsets);
        var fired = _partFired![part];
        for (var c = 0; c < chunk; c++)
        {
            fired.Clear();
            for (var q = 0; q < _ranges.Length; q++)
            {
                var count = _partCounts[q][c];
                for (var s = 0; s < count; s++) fired.Add(_partSpikes[q][offsets[q] + s]);
                offsets[q] += count;
            }
            PropagateSpikes(t + c, part, fired);
        }
    }

    /// <summary>
    /// Splits the neurons into at most <paramref name="workers"/> ranges on multiples of the model's granularity; into
    /// one where the split would not make the largest range at least a quarter smaller than the layer (1,024 + 41, say:
    /// the second thread would save 4 % and every step would still pay for the hand-off).
    /// </summary>
    private static (int From, int To)[] Partition(ILayerModel model, int workers)
    {
        if (workers <= 1 || model is not IPartitionedModel pm || model.OutputKind != SignalKind.Spikes) return [(0, model.Size)];
        var blocks = (model.Size + pm.PartitionGranularity - 1) / pm.PartitionGranularity;
        var parts = Math.Min(workers, blocks);
        if (parts <= 1) return [(0, model.Size)];
        var ranges = new (int, int)[parts];
        var largest = 0;
        for (var i = 0; i < parts; i++)
        {
            var from = (int)((long)blocks * i / parts) * pm.PartitionGranularity;
            var to = Math.Min(model.Size, (int)((long)blocks * (i + 1) / parts) * pm.PartitionGranularity);
            ranges[i] = (from, to);
            largest = Math.Max(largest, to - from);
        }
        return 4L * largest > 3L * model.Size ? [(0, model.Size)] : ranges;
    }
}
