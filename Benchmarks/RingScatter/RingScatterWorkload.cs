namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// A PD14-like event stream: per port (8 layers × E/I) a CSR table of presynaptic rows (targets sorted, each synapse
/// a 32-bit target and a 32-bit word: weight in the low 16 bits, delay in steps in the high 16, as SynapseTable packs
/// them), and per step a list of (port, row) spikes giving ≈ 97,000 events per step as PD14 at full scale (9.7·10⁸ per
/// simulated second); E ports get 59 % of the events, a layer's share goes with its size.
/// </summary>
internal sealed class RingScatterWorkload
{
    public static readonly int[] Widths = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];
    public const int RowLength = 256, RowsPerStep = 380;

    private readonly Dictionary<int, (int[] Target, int[] Packed, int[] NearEnd)[]> _splitByCap = [];
    private int[][]? _zeroDelays;

    public RingScatterWorkload(int synapsesPerPort, int steps, int seed)
    {
        var rng = new System.Random(seed);
        var rows = synapsesPerPort / RowLength;
        Target = new int[Ports][];
        Packed = new int[Ports][];
        for (var port = 0; port < Ports; port++) (Target[port], Packed[port]) = Table(rng, port, rows);
        SpikePort = new int[steps * RowsPerStep];
        SpikeRow = new int[steps * RowsPerStep];
        var total = Widths.Sum();
        for (var i = 0; i < SpikePort.Length; i++)
        {
            var pick = rng.Next(total);
            var layer = 0;
            while (pick >= Widths[layer]) pick -= Widths[layer++];
            SpikePort[i] = 2 * layer + (rng.NextDouble() < RingScatterDelays.ExcEventShare ? 0 : 1);
            SpikeRow[i] = rng.Next(rows);
        }
        Steps = steps;
    }

    public static int Ports => 2 * Widths.Length;
    public static int LayerOf(int port) => port / 2;
    public static bool IsExc(int port) => port % 2 == 0;

    public int Steps { get; }
    public int[][] Target { get; }
    public int[][] Packed { get; }
    public int[] SpikePort { get; }
    public int[] SpikeRow { get; }

    /// <summary>The words with every delay cleared (for the floor layouts, whose rings have one row).</summary>
    public int[][] ZeroDelays() => _zeroDelays ??= Packed.Select(p => p.Select(w => w & 0xFFFF).ToArray()).ToArray();

    /// <summary>
    /// The tables with each row's synapses reordered [delay ≤ cap | delay &gt; cap] (targets still sorted in each part)
    /// and where the near part ends: what an engine that sends the long delays to an overflow would store.
    /// </summary>
    public (int[] Target, int[] Packed, int[] NearEnd)[] SplitAt(int cap)
    {
        if (_splitByCap.TryGetValue(cap, out var done)) return done;
        var split = new (int[], int[], int[])[Ports];
        for (var port = 0; port < Ports; port++)
        {
            var (t, p) = (Target[port], Packed[port]);
            var (st, sp) = (new int[t.Length], new int[p.Length]);
            var nearEnd = new int[t.Length / RowLength];
            for (var row = 0; row < nearEnd.Length; row++)
            {
                var k = row * RowLength;
                for (var s = row * RowLength; s < (row + 1) * RowLength; s++)
                    if (p[s] >>> 16 <= cap) (st[k], sp[k++]) = (t[s], p[s]);
                nearEnd[row] = k;
                for (var s = row * RowLength; s < (row + 1) * RowLength; s++)
                    if (p[s] >>> 16 > cap) (st[k], sp[k++]) = (t[s], p[s]);
            }
            split[port] = (st, sp, nearEnd);
        }
        _splitByCap[cap] = split;
        return split;
    }

    private static (int[] Target, int[] Packed) Table(System.Random rng, int port, int rows)
    {
        var width = Widths[LayerOf(port)];
        var exc = IsExc(port);
        var target = new int[rows * RowLength];
        var packed = new int[rows * RowLength];
        for (var row = 0; row < rows; row++)
        {
            var slice = target.AsSpan(row * RowLength, RowLength);
            for (var k = 0; k < RowLength; k++) slice[k] = rng.Next(width);
            slice.Sort();
            for (var k = row * RowLength; k < (row + 1) * RowLength; k++)
            {
                var weight = (short)(exc ? rng.Next(1000, 30000) : -rng.Next(1000, 30000));
                packed[k] = (RingScatterDelays.Draw(rng, exc) << 16) | (ushort)weight;
            }
        }
        return (target, packed);
    }
}
