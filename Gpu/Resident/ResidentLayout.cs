using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Gpu.Resident;

/// <summary>
/// The host-side plan of a device-resident network: layers back to back in one global neuron numbering,
/// projections grouped by target layer in each layer's incoming (file) order, the outgoing lists, the drive's
/// blocks and tables, and each ring's place. The synapse words are made per projection when uploaded
/// (<see cref="Words"/>), so that no second copy of the whole network is held on the host.
/// </summary>
internal sealed class ResidentLayout
{
    public ResidentLayout(CompiledNetwork network)
    {
        if (ResidentNetwork.Refusal(network) is { } refusal) throw new Actors.Hosting.BackendLimitException(refusal);
        Models = network.Layers.Select(l => (IafPscExp)l.Model).ToArray();
        var count = Models.Length;
        Layers = new LayerConstants[count];
        var starts = new int[count + 1];
        for (var l = 0; l < count; l++) starts[l + 1] = checked(starts[l] + Models[l].Size);
        Neurons = starts[count];
        LayerOf = new int[Neurons];
        for (var l = 0; l < count; l++) Array.Fill(LayerOf, l, starts[l], Models[l].Size);

        Connections = Enumerable.Range(0, count).SelectMany(l => InCpuOrder(network.IncomingOf(l))).ToArray();
        Projections = new ProjectionConstants[Connections.Length];
        (RingCells, RowStartCount, SynapseCount) = PlaceProjections(network);
        Outgoing = Enumerable.Range(0, count).SelectMany(l => Enumerable.Range(0, Connections.Length).Where(p => Connections[p].From == l)).ToArray();
        var cdf = new List<double>();
        var jumps = new List<KeyValuePair<int, ulong[]>>();
        var blocks = new List<BlockConstants>();
        var streams = new List<ulong>();
        for (var l = 0; l < count; l++)
        {
            var m = Models[l];
            var (a, sExc, sInh, cExc, cInh, hold) = m.Propagators;
            var incoming = Enumerable.Range(0, Connections.Length).Where(p => Connections[p].To == l).ToArray();
            var outgoing = Enumerable.Range(0, Outgoing.Length).Where(o => Connections[Outgoing[o]].From == l).ToArray();
            Layers[l] = new LayerConstants
            {
                A = a, SExc = sExc, SInh = sInh, CExc = cExc, CInh = cInh, RestBias = m.VRest + m.Bias, Threshold = m.VThresh, Reset = m.VReset,
                Hold = hold, DriveWeight = m.DriveWeight, Start = starts[l],
                ProjectionFrom = incoming.Length > 0 ? incoming[0] : 0, ProjectionTo = incoming.Length > 0 ? incoming[^1] + 1 : 0,
                OutgoingFrom = outgoing.Length > 0 ? outgoing[0] : 0, OutgoingTo = outgoing.Length > 0 ? outgoing[^1] + 1 : 0,
                CdfOffset = cdf.Count, CdfLength = m.HasDrive ? m.Drive.Cdf.Length : 0,
            };
            if (!m.HasDrive) continue;
            cdf.AddRange(m.Drive.Cdf.ToArray());
            var states = m.GetRandomState();
            for (var b = 0; b < states.Length; b++)
                AddChunks(l, starts[l] + b * InitialPotentials.BlockSize, starts[l] + Math.Min(m.Size, (b + 1) * InitialPotentials.BlockSize), states[b], blocks, streams, jumps);
        }
        Jumps = jumps.Count > 0 ? jumps.SelectMany(j => j.Value).ToArray() : [0UL];
        Cdf = cdf.Count > 0 ? cdf.ToArray() : [0.0];
        Blocks = blocks.ToArray();
        Streams = streams.Count > 0 ? streams.ToArray() : [0UL];
        Starts = starts;
    }

    /// <summary>Tables whose scales differ by at most 2^MaxShift share one of the CPU engine's delay rings: the engine's own rule.</summary>
    public const int MaxShift = LayerEngine.MaxShift;

    /// <summary>
    /// A layer's incoming connections in the order the CPU engine sums them into a port: per port, those without per-synapse
    /// delays in file order (SumPort), then those with per-synapse delays by weight scale, ties in file order (the order
    /// LayerEngine.BuildDelayRings groups them into shared rings, read after SumPort).
    /// </summary>
    private static IEnumerable<ConnectionTable> InCpuOrder(IReadOnlyList<ConnectionTable> incoming) =>
        incoming.Select((c, i) => (c, i))
            .OrderBy(x => x.c.Port).ThenBy(x => x.c.Synapses.HasDelays ? 1 : 0)
            .ThenBy(x => x.c.Synapses.HasDelays ? x.c.Synapses.WeightScale : 0).ThenBy(x => x.i)
            .Select(x => x.c);

    /// <summary>
    /// Each projection's ring and rows in the device's flat arrays, and for one with per-synapse delays its place in the
    /// CPU's shared rings: its group's quantum (the smallest scale), its shift and whether it closes the group; throws past 32-bit indices.
    /// </summary>
    private (int RingCells, int RowStarts, int Synapses) PlaceProjections(CompiledNetwork network)
    {
        long ring = 0, rowStarts = 0, synapses = 0;
        for (var p = 0; p < Connections.Length; p++)
        {
            var c = Connections[p];
            var table = c.Synapses;
            var rows = (table.HasDelays ? Math.Max(c.DelaySteps, table.MaxDelay) : c.DelaySteps) + 1;
            var opens = table.HasDelays && (p == 0 || !SharesRing(Connections[p - 1], c, Projections[p - 1].Scale));
            var quantum = !table.HasDelays ? 0 : opens ? table.WeightScale : Projections[p - 1].Scale;
            var shift = table.HasDelays ? (int)Math.Round(Math.Log2(table.WeightScale / quantum)) : -1;
            if (table.HasDelays && Math.ScaleB(quantum, shift) != table.WeightScale)
                throw new InvalidOperationException($"connection '{network.Layers[c.From].Name}'→'{network.Layers[c.To].Name}': weight scale {table.WeightScale} is not a power-of-two multiple of {quantum}");
            if (table.HasDelays && !opens) Projections[p - 1].ClosesGroup = 0;
            Projections[p] = new ProjectionConstants
            {
                Scale = table.HasDelays ? quantum : table.UniformWeight ?? 1.0, Shift = shift, ClosesGroup = table.HasDelays ? 1 : 0,
                RingOffset = (int)ring, Rows = rows, Width = table.PostSize, Port = c.Port, RowOffset = (int)rowStarts,
            };
            ring += (long)rows * table.PostSize;
            rowStarts += table.PreSize + 1;
            synapses += table.Count;
            if (ring > int.MaxValue || rowStarts > int.MaxValue || synapses > int.MaxValue)
                throw new Actors.Hosting.BackendLimitException($"connection '{network.Layers[c.From].Name}'→'{network.Layers[c.To].Name}': the device-resident path indexes rings and synapses with 32 bits ({ring:N0} ring cells, {synapses:N0} synapses so far)");
        }
        return ((int)ring, (int)rowStarts, (int)synapses);
    }

    /// <summary>Whether delayed <paramref name="c"/> joins the group of the connection before it (same layer and port, with delays, scale ≤ 2^MaxShift × the group's quantum).</summary>
    private static bool SharesRing(ConnectionTable previous, ConnectionTable c, double quantum) =>
        previous.To == c.To && previous.Port == c.Port && previous.Synapses.HasDelays && c.Synapses.WeightScale / quantum <= 1 << MaxShift;

    public IafPscExp[] Models { get; }
    public int Neurons { get; }
    public int[] Starts { get; }
    public int[] LayerOf { get; }
    public LayerConstants[] Layers { get; }
    public ConnectionTable[] Connections { get; }
    public ProjectionConstants[] Projections { get; }
    public int[] Outgoing { get; }
    public int RingCells { get; }
    public int RowStartCount { get; }
    public int SynapseCount { get; }
    public double[] Cdf { get; }
    public BlockConstants[] Blocks { get; }
    public ulong[] Streams { get; }
    public ulong[] Jumps { get; }

    /// <summary>Neurons of a drive chunk (one thread's draws per step).</summary>
    public const int ChunkNeurons = 32;

    /// <summary>Per drive block, in layer and block order: its last chunk, whose stream after a step is the block's.</summary>
    public List<int> LastChunks { get; } = new();

    private static readonly ulong[] ChunkStep = XoshiroJump.Power(ChunkNeurons);

    /// <summary>
    /// The chunks of the block of global neurons [<paramref name="from"/>, <paramref name="to"/>) whose stream is
    /// <paramref name="state"/>: chunk i starts at M^(32 i)·state and jumps by M^(B − its length) between steps.
    /// </summary>
    private void AddChunks(int layer, int from, int to, ulong[] state, List<BlockConstants> chunks, List<ulong> streams, List<KeyValuePair<int, ulong[]>> jumps)
    {
        for (var start = from; start < to; start += ChunkNeurons)
        {
            var end = Math.Min(to, start + ChunkNeurons);
            var length = to - from - (end - start);
            var index = jumps.FindIndex(j => j.Key == length);
            if (index < 0)
            {
                jumps.Add(new(length, XoshiroJump.Power(length)));
                index = jumps.Count - 1;
            }
            chunks.Add(new BlockConstants { Layer = layer, Start = start, End = end, Jump = 1024 * index });
            streams.AddRange(state);
            if (end < to) state = XoshiroJump.Apply(ChunkStep, state);
        }
        LastChunks.Add(chunks.Count - 1);
    }

    /// <summary>
    /// The packed words of projection <paramref name="p"/> in the table's layout ((delay &lt;&lt; 16) | (ushort)q): a table
    /// with per-synapse delays gives its own (q recovered exactly from its float weight), a shared-weight table q = 1 at
    /// the connection's delay (its ring then counts arrivals; one unit is worth the weight). Throws when a target's
    /// Σ|q| could leave 32 bits.
    /// </summary>
    public int[] Words(int p, string name)
    {
        var c = Connections[p];
        var table = c.Synapses;
        var words = new int[table.Count];
        var reach = new long[table.PostSize];
        var target = table.Target;
        for (var s = 0; s < words.Length; s++)
        {
            int q, delay;
            if (table.HasDelays)
            {
                q = (int)Math.Round(table.WeightAt(s) / table.WeightScale, MidpointRounding.AwayFromZero);
                if ((float)(table.WeightScale * q) != table.WeightAt(s))
                    throw new InvalidOperationException($"connection {name}: synapse {s}'s weight is not a whole number of the table's scale");
                delay = table.DelayAt(s);
            }
            else (q, delay) = (1, c.DelaySteps);
            words[s] = (delay << 16) | (ushort)(short)q;
            if ((reach[target[s]] += Math.Abs(q)) > int.MaxValue)
                throw new Actors.Hosting.BackendLimitException($"connection {name}: target {target[s]}'s ring sum could exceed 32 bits on the device");
        }
        return words;
    }

    /// <summary>Projection <paramref name="p"/>'s row starts as global synapse indices from <paramref name="first"/>.</summary>
    public int[] RowStarts(int p, int first) => Connections[p].Synapses.RowStart.Select(r => r + first).ToArray();
}
