using ILGPU;

namespace EventSpike.Gpu.Resident;

/// <summary>
/// The three kernels of one step of a device-resident iaf_psc_exp network (see <see cref="ResidentNetwork"/>):
/// the drive (one thread per chunk of 32 neurons of a driven layer's block, the CPU's draws in the CPU's order), the neuron update
/// (one thread per neuron: read and clear its ring cells, integrate, append a spike), and the scatter (a group
/// per spike: integer atomic adds of every synapse's fixed-point weight into its arrival row).
/// </summary>
internal static class ResidentKernels
{
    /// <summary>
    /// The Poisson drive's counts of one step for chunk <paramref name="c"/>: its copy of the block's xoshiro256** stream,
    /// first moved on past the rest of the block's previous step (<paramref name="jump"/> = 1; the jump matrix, 256
    /// columns of four words, applied without branches), then one uniform u per neuron in neuron order (as
    /// <c>PoissonDrive.Draw</c>): the count = the first k with u ≤ cdf[k], at most the table's last index.
    /// </summary>
    public static void Drive(Index1D c, DriveViews d, ArrayView<LayerConstants> layers, ArrayView<int> counts, int jump)
    {
        var chunk = d.Blocks[c];
        var layer = layers[chunk.Layer];
        var s0 = d.Streams[4 * c];
        var s1 = d.Streams[4 * c + 1];
        var s2 = d.Streams[4 * c + 2];
        var s3 = d.Streams[4 * c + 3];
        if (jump != 0)
        {
            ulong r0 = 0, r1 = 0, r2 = 0, r3 = 0;
            for (var i = 0; i < 256; i++)
            {
                var word = i < 64 ? s0 : i < 128 ? s1 : i < 192 ? s2 : s3;
                var mask = 0UL - ((word >> (i & 63)) & 1UL);
                var at = chunk.Jump + 4 * i;
                r0 ^= d.Jumps[at] & mask;
                r1 ^= d.Jumps[at + 1] & mask;
                r2 ^= d.Jumps[at + 2] & mask;
                r3 ^= d.Jumps[at + 3] & mask;
            }
            (s0, s1, s2, s3) = (r0, r1, r2, r3);
        }
        for (var g = chunk.Start; g < chunk.End; g++)
        {
            var x = s1 * 5;
            var result = ((x << 7) | (x >> 57)) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = (s3 << 45) | (s3 >> 19);
            var u = (result >> 11) * (1.0 / (1UL << 53));
            var k = 0;
            while (k < layer.CdfLength - 1 && d.Cdf[layer.CdfOffset + k] < u) k++;
            counts[g] = k;
        }
        d.Streams[4 * c] = s0;
        d.Streams[4 * c + 1] = s1;
        d.Streams[4 * c + 2] = s2;
        d.Streams[4 * c + 3] = s3;
    }

    /// <summary>
    /// Neuron <paramref name="g"/> at step <paramref name="t"/>: its ports' inputs formed as the CPU engine forms them
    /// (the layer's connections come in that order, see ResidentLayout.InCpuOrder): from 0, the cells of the connections
    /// without per-synapse delays × their weights in file order (SumPort), then per shared delay ring of the CPU (DelayRing)
    /// the exact 64-bit sum of its connections' cells · 2^shift, times the ring's quantum (DelayRing.Take); cells cleared as read.
    /// Then the drive's count times its weight onto exc, then the same operations in the same order as
    /// <c>IafPscExp.StepRange</c>. A spike is appended to the window's list.
    /// </summary>
    public static void Neurons(Index1D g, long t, NetworkViews n, NeuronViews s)
    {
        var layer = n.Layers[n.LayerOf[g]];
        var j = g - layer.Start;
        var exc = 0.0;
        var inh = 0.0;
        var quanta = 0L;
        for (var p = layer.ProjectionFrom; p < layer.ProjectionTo; p++)
        {
            var projection = n.Projections[p];
            var cell = projection.RingOffset + (int)(t % projection.Rows) * projection.Width + j;
            var units = n.Rings[cell];
            n.Rings[cell] = 0;
            double value;
            if (projection.Shift < 0) value = units * projection.Scale;
            else
            {
                quanta += (long)units << projection.Shift;
                if (projection.ClosesGroup == 0) continue;
                value = quanta * projection.Scale;
                quanta = 0;
            }
            if (projection.Port == 0) exc += value;
            else inh += value;
        }
        if (layer.CdfLength > 0) exc = exc + s.DriveCounts[g] * layer.DriveWeight;
        var e = s.IExc[g] + exc;
        var i = s.IInh[g] + inh;
        s.IExc[g] = e * layer.SExc;
        s.IInh[g] = i * layer.SInh;
        if (s.Refractory[g] > 0)
        {
            s.Refractory[g] = s.Refractory[g] - 1;
            s.V[g] = layer.Reset;
            return;
        }
        var vInf = layer.RestBias + 0.0; // the CPU adds the (empty) current port
        var vNew = vInf + (s.V[g] - vInf) * layer.A + e * layer.CExc + i * layer.CInh;
        if (vNew > layer.Threshold)
        {
            s.Spikes[Atomic.Add(ref s.Counter[0], 1)] = g;
            vNew = layer.Reset;
            s.Refractory[g] = layer.Hold;
        }
        s.V[g] = vNew;
    }

    /// <summary>
    /// The spikes of step <paramref name="t"/> (window step <paramref name="k"/>: list entries from the previous
    /// step's mark to the counter) into the rings: group by group over the spikes, the group's threads over each
    /// outgoing row, q added to the cell of row (t + delay) mod rows. Integer sums do not depend on the order.
    /// </summary>
    public static void Scatter(long t, int k, NetworkViews n, SynapseViews syn, ArrayView<int> spikes, ArrayView<int> counter, ArrayView<int> marks)
    {
        var start = k == 0 ? 0 : marks[k - 1];
        var end = counter[0];
        if (Grid.IdxX == 0 && Group.IdxX == 0) marks[k] = end;
        for (var x = start + Grid.IdxX; x < end; x += Grid.DimX)
        {
            var g = spikes[x];
            var layer = n.Layers[n.LayerOf[g]];
            var pre = g - layer.Start;
            for (var o = layer.OutgoingFrom; o < layer.OutgoingTo; o++)
            {
                var projection = n.Projections[n.Outgoing[o]];
                var rows = projection.Rows;
                var baseSlot = (int)(t % rows);
                var to = syn.RowStarts[projection.RowOffset + pre + 1];
                for (var y = syn.RowStarts[projection.RowOffset + pre] + Group.IdxX; y < to; y += Group.DimX)
                {
                    var word = syn.Packed[y];
                    var slot = baseSlot + (int)((uint)word >> 16);
                    if (slot >= rows) slot -= rows;
                    Atomic.Add(ref n.Rings[projection.RingOffset + slot * projection.Width + syn.Targets[y]], (short)word);
                }
            }
        }
    }
}
