using System.Runtime.CompilerServices;
using EventSpike.Neurons.Models;

namespace EventSpike.Neurons.Runtime;

/// <summary>The engine's input rows: the shared delay rings, and what each port reads at a step.</summary>
public sealed partial class LayerEngine
{
    /// <summary>Tables whose scales differ by at most 2^MaxShift share a ring (the device-resident path groups its connections by the same rule).</summary>
    public const int MaxShift = 4;

    /// <summary>
    /// One <see cref="DelayRing"/> per port for the projections with per-synapse delays into it (a new one where a
    /// table's scale is more than 2^<see cref="MaxShift"/> times the ring's quantum), as long as the longest of their
    /// delays plus the horizon (recurrent: plus one step); 32-bit unless a row could overflow.
    /// </summary>
    private static (DelayRing[] Rings, int[][] PortRings, int[] RingOf, int[] ShiftOf) BuildDelayRings(
        ILayerModel model, Projection[] projections, int horizonSteps)
    {
        var rings = new List<DelayRing>();
        var portRings = new int[model.Ports.Count][];
        var ringOf = Enumerable.Repeat(-1, projections.Length).ToArray();
        var shiftOf = new int[projections.Length];
        for (var port = 0; port < model.Ports.Count; port++)
        {
            var delayed = Enumerable.Range(0, projections.Length)
                .Where(i => projections[i].Port == port && projections[i].Synapses.HasDelays)
                .OrderBy(i => projections[i].Synapses.WeightScale).ThenBy(i => i).ToList();
            var mine = new List<int>();
            while (delayed.Count > 0)
            {
                var quantum = projections[delayed[0]].Synapses.WeightScale;
                var group = delayed.TakeWhile(i => projections[i].Synapses.WeightScale / quantum <= 1 << MaxShift).ToList();
                delayed.RemoveRange(0, group.Count);
                var rows = 1;
                var bound = 0.0;
                foreach (var i in group)
                {
                    var p = projections[i];
                    var longest = Math.Max(p.DelaySteps, p.Synapses.MaxDelay);
                    rows = Math.Max(rows, p.Recurrent ? longest + 1 : horizonSteps + longest);
                    shiftOf[i] = (int)Math.Round(Math.Log2(p.Synapses.WeightScale / quantum));
                    if (Math.ScaleB(quantum, shiftOf[i]) != p.Synapses.WeightScale)
                        throw new ArgumentException($"projection {i}: weight scale {p.Synapses.WeightScale} is not a power-of-two multiple of {quantum}");
                    ringOf[i] = rings.Count;
                    bound += (double)SynapseTable.WeightLevels * (1 << shiftOf[i]) * p.Synapses.Count;
                }
                // Cheap test first (every synapse onto one target); else the largest in-degree of each table.
                if (bound > int.MaxValue) bound = group.Sum(i => (double)SynapseTable.WeightLevels * (1 << shiftOf[i]) * MaxInDegree(projections[i].Synapses));
                mine.Add(rings.Count);
                rings.Add(new DelayRing(rows, model.Ports[port].Width, quantum, wide: bound > int.MaxValue));
            }
            portRings[port] = mine.ToArray();
        }
        return (rings.ToArray(), portRings, ringOf, shiftOf);
    }

    private static int MaxInDegree(SynapseTable table)
    {
        var count = new int[table.PostSize];
        var max = 0;
        foreach (var t in table.Target) max = Math.Max(max, ++count[t]);
        return max;
    }

    /// <summary>
    /// Points each port at its input for step t (every target); see <see cref="InputOf"/>. A port whose input the model
    /// adds into a variable of its own (<see cref="IAccumulatingInput"/>) gets the zero row when its sparse input was
    /// added there already (<see cref="MovedInto"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherPorts(long t)
    {
        for (var port = 0; port < _portProjections.Length; port++)
            _portInput[port] = _accumulators?[port] is { } into && MovedInto(port, t, into) ? _zero[port] : InputOf(port, t, 0, _portSum[port].Length);
    }

    /// <summary>Per port, the model's array its input is added into, when it names one as wide as the port (else null).</summary>
    private static double[]?[]? Accumulators(ILayerModel model) => model is IAccumulatingInput accumulating
        ? model.Ports.Select((p, port) => accumulating.AccumulatorOf(port) is { } into && into.Length == p.Width ? into : null).ToArray()
        : null;

    /// <summary>
    /// When step t's input of <paramref name="port"/> is one projection's ring row with few targets hit (or none): adds
    /// those targets' cells into <paramref name="into"/> (I + input, the sum the model would make) and zeroes them, so
    /// the slot is clean and the model reads no row; true when done. A row cleared whole, several projections or delay
    /// rings: false, the row is read as usual.
    /// </summary>
    private bool MovedInto(int port, long t, double[] into)
    {
        if (_portRings[port].Length != 0 || _portProjections[port] is not [var i]) return false;
        var slot = (int)(t % _ringRows[i]);
        if (!_dirty[i][slot]) return true;
        if (_touched[i][slot] == long.MaxValue) return false;
        var table = _projections[i].Recurrent ? _recurrent[i]! : _projections[i].Synapses;
        table.MoveTargets(_sources[i][slot], _rings[i][slot], into);
        _sources[i][slot].Clear();
        _touched[i][slot] = 0;
        _dirty[i][slot] = false;
        return true;
    }

    /// <summary>
    /// The input of <paramref name="port"/> at step t for targets [from, to): a shared zero row, the one projection's
    /// ring row, or the sum of the projections' rows in projection order followed by the delay rings' rows (which are
    /// cleared as they are read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double[] InputOf(int port, long t, int from, int to)
    {
        var feeding = _portProjections[port];
        var rings = _portRings[port];
        if (rings.Length == 0)
        {
            if (feeding.Length == 0) return _zero[port];
            if (feeding.Length == 1)
            {
                var i = feeding[0];
                var slot = (int)(t % _ringRows[i]);
                return _dirty[i][slot] ? _rings[i][slot] : _zero[port];
            }
        }
        if (feeding.Length > 0) SumPort(port, t, from, to);
        for (var r = 0; r < rings.Length; r++) _delayRings[rings[r]].Take(t, _portSum[port], from, to, add: feeding.Length > 0 || r > 0);
        return _portSum[port];
    }

    /// <summary>For a slow layer: the input of the base steps [first, first + m): spikes summed, continuous values of the first step.</summary>
    private void GatherBlock(long first)
    {
        for (var port = 0; port < _portProjections.Length; port++)
        {
            var sum = _portSum[port];
            Array.Clear(sum);
            _portInput[port] = sum;
            var spikes = Model.Ports[port].Kind == PortKind.Spikes;
            foreach (var i in _portProjections[port])
                for (var b = first; b < first + (spikes ? StepMultiple : 1); b++)
                {
                    var slot = (int)(b % _ringRows[i]);
                    if (!_dirty[i][slot]) continue;
                    var row = _rings[i][slot];
                    for (var j = 0; j < sum.Length; j++) sum[j] += row[j];
                }
            foreach (var r in _portRings[port])
                for (var b = first; b < first + StepMultiple; b++)
                {
                    // Every row of the block is consumed; a port that is not of spikes keeps the first step's value only.
                    var target = spikes || b == first ? sum : new double[sum.Length];
                    _delayRings[r].Take(b, target, 0, sum.Length, add: true);
                }
        }
    }

    /// <summary>The sum of the rows of step t of the projections without per-synapse delays feeding <paramref name="port"/>, targets [from, to).</summary>
    private void SumPort(int port, long t, int from, int to)
    {
        var sum = _portSum[port].AsSpan(from, to - from);
        sum.Clear();
        foreach (var i in _portProjections[port])
        {
            var slot = (int)(t % _ringRows[i]);
            if (!_dirty[i][slot]) continue;
            var row = _rings[i][slot].AsSpan(from, to - from);
            for (var j = 0; j < sum.Length; j++) sum[j] += row[j];
        }
    }
}
