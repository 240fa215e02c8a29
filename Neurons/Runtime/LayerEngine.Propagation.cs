using System.Runtime.CompilerServices;

namespace EventSpike.Neurons.Runtime;

/// <summary>The engine's recurrent projections, closed step by step, and the clearing of consumed rows.</summary>
public sealed partial class LayerEngine
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PropagateSpikes(long t, int part, List<int> fired)
    {
        if (fired.Count == 0) return;
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if (!p.Recurrent) continue;
            var table = _recurrent[i]!;
            if (table.HasDelays)
            {
                PropagateDelayed(i, t, part, fired, table);
                continue;
            }
            var slot = (int)((t + p.DelaySteps) % _ringRows[i]);
            var row = _rings[i][slot];
            _dirty[i][slot] = true;
            if (_ranges.Length == 1)
            {
                for (var k = 0; k < fired.Count; k++)
                {
                    var pre = fired[k];
                    if (k + 1 < fired.Count) table.Prefetch(table.RowStart[fired[k + 1]]);
                    table.AccumulateRow(pre, row);
                    Touch(i, slot, pre, table);
                }
                continue;
            }
            _touched[i][slot] = long.MaxValue; // split layers clear whole ranges
            var starts = part == 0 ? null : _recurrentSplits[i][part - 1];
            var ends = part == _ranges.Length - 1 ? null : _recurrentSplits[i][part];
            for (var k = 0; k < fired.Count; k++)
            {
                var pre = fired[k];
                if (k + 1 < fired.Count) table.Prefetch(starts?[fired[k + 1]] ?? table.RowStart[fired[k + 1]]);
                table.AccumulateSlice(starts?[pre] ?? table.RowStart[pre], ends?[pre] ?? table.RowStart[pre + 1], row);
            }
        }
    }

    /// <summary>A recurrent projection with per-synapse delays: the spikes of step t, each synapse into its own arrival row of the port's ring.</summary>
    private void PropagateDelayed(int i, long t, int part, List<int> fired, SynapseTable table)
    {
        var ring = _delayRings[_ringOf[i]];
        var shift = _shiftOf[i];
        var baseSlot = (int)(t % ring.Rows);
        if (_ranges.Length == 1)
        {
            foreach (var pre in fired) ring.Add(table, shift, table.RowStart[pre], table.RowStart[pre + 1], baseSlot);
            return;
        }
        if (_recurrentSplits[i].Length == 0)
        {
            foreach (var pre in fired) ring.AddRuns(table, shift, table.RowStart[pre], table.RowStart[pre + 1], baseSlot, _ranges[part], part);
            return;
        }
        var starts = part == 0 ? null : _recurrentSplits[i][part - 1];
        var ends = part == _ranges.Length - 1 ? null : _recurrentSplits[i][part];
        foreach (var pre in fired)
            ring.Add(table, shift, starts?[pre] ?? table.RowStart[pre], ends?[pre] ?? table.RowStart[pre + 1], baseSlot, part);
    }

    private void PropagateContinuous(long t)
    {
        for (var i = 0; i < _projections.Length; i++)
        {
            var p = _projections[i];
            if (!p.Recurrent) continue;
            if (p.Synapses.HasDelays) throw new InvalidOperationException($"projection {i} has per-synapse delays, which apply to spikes only");
            var slot = (int)((t + p.DelaySteps) % _ringRows[i]);
            var row = _rings[i][slot];
            _dirty[i][slot] = true;
            _touched[i][slot] = long.MaxValue;
            var output = Model.Output;
            for (var c = 0; c < output.Length; c++)
                if (output[c] != 0) p.Synapses.AccumulateRow(c, row, output[c]);
        }
    }

    /// <summary>Notes that row <paramref name="pre"/> of <paramref name="table"/> was added to a ring slot (for a sparse clear).</summary>
    private void Touch(int projection, int slot, int pre, SynapseTable table)
    {
        var touched = _touched[projection];
        if (touched[slot] == long.MaxValue) return;
        var width = _width[projection];
        touched[slot] += table.RowStart[pre + 1] - table.RowStart[pre];
        if (touched[slot] > width / 8) touched[slot] = long.MaxValue; // cheaper to clear the whole row
        else _sources[projection][slot].Add(pre);
    }

    /// <summary>
    /// Zeroes the rows of step t of the projections without per-synapse delays (the delay rings clear a row as it
    /// is read): where few synapses were added, only their targets (walking the same table rows again), else the whole row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ClearRows(long t)
    {
        for (var i = 0; i < _projections.Length; i++)
        {
            if (_ringRows[i] == 0) continue;
            var slot = (int)(t % _ringRows[i]);
            if (!_dirty[i][slot]) continue;
            var row = _rings[i][slot];
            var sources = _sources[i][slot];
            if (_touched[i][slot] == long.MaxValue) Array.Clear(row);
            else
            {
                var table = _projections[i].Recurrent ? _recurrent[i]! : _projections[i].Synapses;
                table.ClearTargets(sources, row);
            }
            sources.Clear();
            _touched[i][slot] = 0;
            _dirty[i][slot] = false;
        }
    }
}
