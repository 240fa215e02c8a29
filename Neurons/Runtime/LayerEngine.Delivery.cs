namespace EventSpike.Neurons.Runtime;

/// <summary>The engine's external input: spikes and samples delivered from other layers.</summary>
public sealed partial class LayerEngine
{
    /// <summary>Spikes of one source step for an external projection with per-synapse delays, waiting for a split layer's next Evolve.</summary>
    private readonly record struct PendingSpikes(int Projection, int BaseSlot, int[] Rows);

    /// <summary>
    /// Delivers a window of source spikes to external projection <paramref name="projection"/>:
    /// the spikes of source step <c>firstStep + i</c> are <c>neurons[stepPtr[i]..stepPtr[i+1])</c>.
    /// A shard of a larger source layer numbers its neurons from 0: <paramref name="rowOffset"/> is
    /// its first neuron's row in the projection's table.
    /// </summary>
    public void Deliver(int projection, long firstStep, ReadOnlySpan<int> stepPtr, ReadOnlySpan<int> neurons, int rowOffset = 0)
    {
        var p = External(projection);
        var steps = stepPtr.Length - 1;
        if (steps <= 0 || stepPtr[steps] == 0) return;
        for (var i = 0; i < steps; i++)
        {
            var from = stepPtr[i];
            var to = stepPtr[i + 1];
            if (from == to) continue;
            if (p.Synapses.Kernel is not null && DeliverKernel(projection, firstStep + i + p.DelaySteps, neurons[from..to], rowOffset)) continue;
            if (p.Synapses.HasDelays)
            {
                DeliverDelayed(projection, firstStep + i, neurons[from..to], rowOffset);
                continue;
            }
            var arrival = firstStep + i + p.DelaySteps;
            var row = Row(projection, arrival);
            var slot = (int)(arrival % _ringRows[projection]);
            for (var s = from; s < to; s++)
            {
                var pre = neurons[s] + rowOffset;
                p.Synapses.AccumulateRow(pre, row);
                Touch(projection, slot, pre, p.Synapses);
            }
        }
    }

    /// <summary>
    /// The spikes of <paramref name="sourceStep"/> through a table with per-synapse delays: into the port's delay ring at
    /// once, or (a split layer with the table's rows sorted) at the next Evolve, each partition adding its own targets.
    /// </summary>
    private void DeliverDelayed(int projection, long sourceStep, ReadOnlySpan<int> neurons, int rowOffset)
    {
        var p = _projections[projection];
        var ring = _delayRings[_ringOf[projection]];
        var longest = Math.Max(p.DelaySteps, p.Synapses.MaxDelay);
        if (sourceStep + p.DelaySteps < Step)
            throw new InvalidOperationException($"input for step {sourceStep + p.DelaySteps} delivered at step {Step}: already integrated");
        if (sourceStep + longest >= Step + ring.Rows)
            throw new InvalidOperationException(
                $"input for step {sourceStep + longest} delivered at step {Step}: outside the engine's horizon of {ring.Rows} steps");
        var baseSlot = (int)(sourceStep % ring.Rows);
        if (_externalSplits[projection] is not null)
        {
            var rows = new int[neurons.Length];
            for (var s = 0; s < rows.Length; s++) rows[s] = neurons[s] + rowOffset;
            _pending.Add(new PendingSpikes(projection, baseSlot, rows));
            return;
        }
        var table = p.Synapses;
        var shift = _shiftOf[projection];
        foreach (var n in neurons) ring.AddRouted(table, shift, table.RowStart[n + rowOffset], table.RowStart[n + rowOffset + 1], baseSlot);
    }

    /// <summary>Partition <paramref name="part"/> adds the waiting spikes to its own targets.</summary>
    private void AddPending(int part)
    {
        foreach (var (projection, baseSlot, rows) in _pending)
        {
            var table = _projections[projection].Synapses;
            var ring = _delayRings[_ringOf[projection]];
            var shift = _shiftOf[projection];
            var splits = _externalSplits[projection]!;
            if (splits.Length == 0)
            {
                foreach (var pre in rows) ring.AddRuns(table, shift, table.RowStart[pre], table.RowStart[pre + 1], baseSlot, _ranges[part], part);
                continue;
            }
            var starts = part == 0 ? null : splits[part - 1];
            var ends = part == _ranges.Length - 1 ? null : splits[part];
            foreach (var pre in rows)
                ring.Add(table, shift, starts?[pre] ?? table.RowStart[pre], ends?[pre] ?? table.RowStart[pre + 1], baseSlot, part);
        }
    }

    /// <summary>Adds every waiting spike at once (before a checkpoint).</summary>
    private void FlushPending()
    {
        if (_pending.Count == 0) return;
        foreach (var (projection, baseSlot, rows) in _pending)
        {
            var table = _projections[projection].Synapses;
            foreach (var pre in rows) _delayRings[_ringOf[projection]].AddRouted(table, _shiftOf[projection], table.RowStart[pre], table.RowStart[pre + 1], baseSlot);
        }
        _pending.Clear();
    }

    /// <summary>
    /// Delivers a window of continuous source samples (<c>samples[i·channels + c]</c> = channel c at
    /// source step firstStep + i) to external projection <paramref name="projection"/>: each sample is
    /// multiplied by its synapses' weights.
    /// </summary>
    public void DeliverSamples(int projection, long firstStep, int channels, ReadOnlySpan<double> samples)
    {
        var p = External(projection);
        if (p.Synapses.HasDelays) throw new InvalidOperationException($"projection {projection} has per-synapse delays, which apply to spikes only");
        if (channels != p.Synapses.PreSize) throw new ArgumentException($"projection {projection} takes {p.Synapses.PreSize} channels, got {channels}");
        var steps = samples.Length / channels;
        for (var i = 0; i < steps; i++)
        {
            var row = Row(projection, firstStep + i + p.DelaySteps);
            _touched[projection][(int)((firstStep + i + p.DelaySteps) % _ringRows[projection])] = long.MaxValue;
            var values = samples.Slice(i * channels, channels);
            if (p.Synapses.Kernel is { } kernel) { kernel.AddValues(values, row, _kernelPool); continue; }
            for (var c = 0; c < channels; c++)
                if (values[c] != 0) p.Synapses.AccumulateRow(c, row, values[c]);
        }
    }

    private Projection External(int projection)
    {
        var p = _projections[projection];
        if (p.Recurrent) throw new InvalidOperationException("recurrent projections are closed by the engine itself");
        return p;
    }

    private double[] Row(int projection, long arrival)
    {
        var rows = _ringRows[projection];
        if (arrival < Step || arrival >= Step + rows)
            throw new InvalidOperationException(
                $"input for step {arrival} delivered at step {Step}: outside the engine's horizon of {rows} steps");
        var slot = (int)(arrival % rows);
        _dirty[projection][slot] = true;
        return _rings[projection][slot];
    }
}
