namespace EventSpike.Neurons.Runtime;

/// <summary>
/// Per-synapse delays (see the layout in <see cref="SynapseTable"/>'s summary): a spike of the
/// presynaptic neuron at step s reaches target <c>Target[k]</c> at step s + <see cref="DelayAt"/>(k).
/// </summary>
public sealed partial class SynapseTable
{
    /// <summary>The longest delay one synapse can keep, in steps (16 bits).</summary>
    public const int MaxSynapseDelay = ushort.MaxValue;

    /// <summary>The largest |q| of a fixed-point weight (16 bits, signed).</summary>
    public const int WeightLevels = short.MaxValue;

    private readonly int[]? _packed;

    /// <summary>A table with per-synapse delays: <paramref name="packed"/> holds (delay &lt;&lt; 16) | (ushort)q per synapse.</summary>
    private SynapseTable(int preSize, int postSize, int[] rowStart, int[] target, int[] packed, double weightScale, bool orderedByDelay = false)
        : this(preSize, postSize, rowStart, target, [], sharedWeight: true)
    {
        OrderedByDelay = orderedByDelay;
        if (packed.Length != target.Length) throw new ArgumentException("target and packed weight/delay lengths differ");
        _packed = packed;
        WeightScale = weightScale;
        if (packed.Length == 0) return;
        var min = int.MaxValue;
        var max = 0;
        foreach (var word in packed)
        {
            var d = word >>> 16;
            if (d < min) min = d;
            if (d > max) max = d;
        }
        MinDelay = min;
        MaxDelay = max;
    }

    /// <summary>
    /// True when every row holds its synapses in order of delay, and of target within a delay (<see cref="WithDelays"/>
    /// with orderByDelay): a presynaptic spike's events then go to each arrival step as one run of rising targets.
    /// </summary>
    public bool OrderedByDelay { get; }

    /// <summary>True when every synapse carries its own delay.</summary>
    public bool HasDelays => _packed is not null;

    /// <summary>The weight of one fixed-point step (tables with per-synapse delays); 0 otherwise.</summary>
    public double WeightScale { get; }

    /// <summary>The shortest per-synapse delay in steps (0 without per-synapse delays or synapses).</summary>
    public int MinDelay { get; }

    /// <summary>The longest per-synapse delay in steps (0 without per-synapse delays or synapses).</summary>
    public int MaxDelay { get; }

    /// <summary>The delay of synapse <paramref name="synapse"/> in steps (0 without per-synapse delays).</summary>
    public int DelayAt(int synapse) => _packed is null ? 0 : _packed[synapse] >>> 16;

    /// <summary>
    /// This table with the delays given (steps, one per synapse in table order, each in 0..<see cref="MaxSynapseDelay"/>),
    /// its weights made 16-bit fixed-point numbers of a common scale: the smallest power of two ≥ the largest |weight| / 32,767
    /// (so |q| ≤ 32,767 and every weight is within half a level, ≤ 3.1·10⁻⁵ of the largest |weight|, of its float value). A
    /// power of two lets tables of different scales add into one ring of whole numbers (<see cref="DelayRing"/>) exactly.
    /// <paramref name="orderByDelay"/>: each row's synapses put in order of delay (a stable counting sort, so rows sorted by
    /// target stay so within each delay; <see cref="OrderedByDelay"/>). The new table shares this one's target array, so
    /// this table's rows are put in the same order (its targets and weights together: the same synapses per row), with
    /// no copy of either. A ring's integer sums do not depend on the order, so the spikes are the same; a queued ring
    /// appends a spike's events as one run per arrival step (PD14 full scale, 2 threads: ~0.75× the run's CPU).
    /// </summary>
    public SynapseTable WithDelays(ReadOnlySpan<int> delays, bool orderByDelay = false)
    {
        if (delays.Length != Target.Length) throw new ArgumentException($"{delays.Length} delays for {Target.Length} synapses");
        var maxAbs = 0.0;
        for (var s = 0; s < Target.Length; s++) maxAbs = Math.Max(maxAbs, Math.Abs((double)WeightAt(s)));
        var scale = maxAbs > 0 ? Math.ScaleB(1.0, (int)Math.Ceiling(Math.Log2(maxAbs / WeightLevels))) : 1.0;
        if (maxAbs / scale > WeightLevels) scale *= 2; // Log2 rounded down at an exact boundary
        var packed = new int[Target.Length];
        for (var s = 0; s < packed.Length; s++)
        {
            if ((uint)delays[s] > MaxSynapseDelay) throw new ArgumentOutOfRangeException(nameof(delays), $"delay {delays[s]} steps outside 0..{MaxSynapseDelay}");
            var q = (int)Math.Round(WeightAt(s) / scale, MidpointRounding.AwayFromZero);
            packed[s] = (delays[s] << 16) | (ushort)(short)q;
        }
        if (orderByDelay) OrderRowsByDelay(packed);
        return new SynapseTable(PreSize, PostSize, RowStart, Target, packed, scale, orderByDelay);
    }

    /// <summary>
    /// Reorders each row by the delays in <paramref name="packed"/>, in place: <paramref name="packed"/>, the targets and
    /// this table's own per-synapse weights or words move together (a stable counting sort per row).
    /// </summary>
    private void OrderRowsByDelay(int[] packed)
    {
        var (longest, maxDelay) = (0, 0);
        for (var i = 0; i < PreSize; i++) longest = Math.Max(longest, RowStart[i + 1] - RowStart[i]);
        foreach (var word in packed) maxDelay = Math.Max(maxDelay, word >>> 16);
        var own = _packed;
        var weights = _packed is null && _weights is { } per && per.Length == Target.Length ? per : null;
        var (rowTarget, rowWord, rowOwn) = (new int[longest], new int[longest], new int[own is null && weights is null ? 0 : longest]);
        var starts = new int[maxDelay + 2];
        for (var i = 0; i < PreSize; i++)
        {
            int from = RowStart[i], n = RowStart[i + 1] - from;
            if (n < 2) continue;
            Array.Clear(starts);
            for (var s = from; s < from + n; s++) starts[(packed[s] >>> 16) + 1]++;
            for (var d = 1; d < starts.Length; d++) starts[d] += starts[d - 1];
            for (var s = from; s < from + n; s++)
            {
                var k = starts[packed[s] >>> 16]++;
                (rowTarget[k], rowWord[k]) = (Target[s], packed[s]);
                if (own is not null) rowOwn[k] = own[s];
                else if (weights is not null) rowOwn[k] = BitConverter.SingleToInt32Bits(weights[s]);
            }
            Array.Copy(rowTarget, 0, Target, from, n);
            Array.Copy(rowWord, 0, packed, from, n);
            if (own is not null) Array.Copy(rowOwn, 0, own, from, n);
            else if (weights is not null)
                for (var k = 0; k < n; k++) weights[from + k] = BitConverter.Int32BitsToSingle(rowOwn[k]);
        }
    }

    /// <summary>The packed (delay &lt;&lt; 16) | q words (tables with per-synapse delays), for <see cref="DelayRing"/>.</summary>
    internal int[] Packed => _packed ?? throw new InvalidOperationException("the table has no per-synapse delays");
}
