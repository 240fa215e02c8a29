using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// The synapses of one connection in compressed sparse rows by presynaptic neuron: row i holds
/// targets <c>Target[RowStart[i]..RowStart[i+1])</c> with weights <c>Weight[...]</c>. Eight bytes
/// per synapse (32-bit target, 32-bit weight), four when every synapse of the table has the same
/// weight (then kept once, as GeNN's global weights). Targets within a row keep the order they were
/// added in; spikes are propagated in that order, which fixes the order of every floating-point sum.
///
/// A table with per-synapse delays (<see cref="WithDelays"/>) keeps eight bytes per synapse too: the
/// 32-bit target, and one 32-bit word whose low 16 bits are the weight as a signed fixed-point number
/// (weight = q · <see cref="WeightScale"/>, q in −32,767..32,767, scale = the power of two at or just above the largest
/// |weight| / 32,767, so every weight is within 3.1·10⁻⁵ of the largest one's magnitude) and whose high 16 bits are
/// the delay in steps (0..65,535).
/// </summary>
public sealed partial class SynapseTable
{
    public SynapseTable(int preSize, int postSize, int[] rowStart, int[] target, float[] weight) : this(preSize, postSize, rowStart, target, weight, false)
    {
    }

    /// <summary>A table of <paramref name="preSize"/> × <paramref name="postSize"/> with no synapse.</summary>
    public static SynapseTable Empty(int preSize, int postSize) => new(preSize, postSize, new int[preSize + 1], [], []);

    /// <param name="sharedWeight">True when <paramref name="weight"/> holds the one weight every synapse shares.</param>
    private SynapseTable(int preSize, int postSize, int[] rowStart, int[] target, float[] weight, bool sharedWeight)
    {
        if (rowStart.Length != preSize + 1) throw new ArgumentException("rowStart must have preSize + 1 entries");
        if (!sharedWeight && target.Length != weight.Length) throw new ArgumentException("target and weight lengths differ");
        if (rowStart[0] != 0 || rowStart[preSize] != target.Length) throw new ArgumentException("rowStart does not span the synapses");
        for (var i = 0; i < preSize; i++)
            if (rowStart[i + 1] < rowStart[i]) throw new ArgumentException("rowStart must be non-decreasing");
        foreach (var t in target)
            if ((uint)t >= (uint)postSize) throw new ArgumentException($"target {t} outside 0..{postSize - 1}");
        PreSize = preSize;
        PostSize = postSize;
        RowStart = rowStart;
        Target = target;
        if (weight.Length > 0 && Array.TrueForAll(weight, w => w.Equals(weight[0])))
        {
            _uniform = weight[0];
            _weights = null;
        }
        else _weights = weight;
    }

    private readonly float[]? _weights;
    private readonly float _uniform;

    public int PreSize { get; }
    public int PostSize { get; }
    public int[] RowStart { get; }
    public int[] Target { get; }
    /// <summary>Every synapse's weight (built on demand when the table keeps one shared weight).</summary>
    public float[] Weight => _packed is not null ? Enumerable.Range(0, Target.Length).Select(WeightAt).ToArray()
        : _weights ?? Enumerable.Repeat(_uniform, Target.Length).ToArray();

    /// <summary>The weight every synapse shares, or null when they differ.</summary>
    public float? UniformWeight => _weights is null && _packed is null && Target.Length > 0 ? _uniform : null;

    public float WeightAt(int synapse) =>
        _packed is not null ? (float)(WeightScale * (short)_packed[synapse]) : _weights is null ? _uniform : _weights[synapse];
    public long Count => Target.Length;

    /// <summary>The dense [pre, post] matrix (Rockpool's weights layout); repeated synapses add up.</summary>
    public double[,] ToDense()
    {
        var w = new double[PreSize, PostSize];
        for (var i = 0; i < PreSize; i++)
            for (var s = RowStart[i]; s < RowStart[i + 1]; s++)
                w[i, Target[s]] += WeightAt(s);
        return w;
    }

    /// <summary>Adds the weights of presynaptic neuron <paramref name="pre"/>'s row into <paramref name="post"/>, scaled by <paramref name="scale"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AccumulateRow(int pre, Span<double> post, double scale = 1.0)
    {
        if (_packed is not null) throw new InvalidOperationException("a table with per-synapse delays is propagated with AccumulateRowDelayed");
        if (post.Length < PostSize) throw new ArgumentException($"a row of {post.Length} cells for {PostSize} targets", nameof(post));
        var (from, end) = InTable(RowStart[pre], RowStart[pre + 1]);
        if (_weights is null)
        {
            AddUniform(from, end, post, _uniform * scale);
            return;
        }
        if (scale == 1.0) AddWeights(from, end, post);
        else
            for (var s = from; s < end; s++) post[Target[s]] += _weights[s] * scale;
    }

    /// <summary>
    /// The synapses onto targets [<paramref name="from"/>, <paramref name="to"/>), renumbered from 0,
    /// each row keeping its order: the table of one shard of the target layer. Every target's sum
    /// then takes its terms in the order the whole table gives them.
    /// </summary>
    public SynapseTable Columns(int from, int to)
    {
        if (from < 0 || to > PostSize || from > to) throw new ArgumentOutOfRangeException(nameof(from), $"[{from}, {to}) is not a range of {PostSize} targets");
        var rowStart = new int[PreSize + 1];
        for (var i = 0; i < PreSize; i++)
        {
            var kept = 0;
            for (var s = RowStart[i]; s < RowStart[i + 1]; s++)
                if ((uint)(Target[s] - from) < (uint)(to - from)) kept++;
            rowStart[i + 1] = rowStart[i] + kept;
        }
        var target = new int[rowStart[PreSize]];
        // A shared weight stays shared: no per-synapse weights are made for it.
        var weight = _weights is null || _packed is not null ? null : new float[target.Length];
        var packed = _packed is null ? null : new int[target.Length];
        var n = 0;
        for (var s = 0; s < Target.Length; s++)
        {
            var t = Target[s] - from;
            if ((uint)t >= (uint)(to - from)) continue;
            if (weight is not null) weight[n] = _weights![s];
            if (packed is not null) packed[n] = _packed![s];
            target[n++] = t;
        }
        if (packed is not null) return new SynapseTable(PreSize, to - from, rowStart, target, packed, WeightScale, OrderedByDelay);
        return weight is null
            ? new SynapseTable(PreSize, to - from, rowStart, target, target.Length == 0 ? [] : [_uniform], sharedWeight: true)
            : new SynapseTable(PreSize, to - from, rowStart, target, weight);
    }

    /// <summary>This table as rows <paramref name="offset"/>.. of a table with <paramref name="preSize"/> rows (the other rows empty).</summary>
    public SynapseTable EmbedRows(int preSize, int offset)
    {
        if (offset < 0 || offset + PreSize > preSize) throw new ArgumentOutOfRangeException(nameof(offset));
        var rowStart = new int[preSize + 1];
        for (var i = 0; i <= preSize; i++)
        {
            var local = Math.Clamp(i - offset, 0, PreSize);
            rowStart[i] = RowStart[local];
        }
        if (_packed is not null) return new SynapseTable(preSize, PostSize, rowStart, Target, _packed, WeightScale, OrderedByDelay);
        return new SynapseTable(preSize, PostSize, rowStart, Target, _weights ?? (Target.Length > 0 ? [_uniform] : []), _weights is null);
    }

    /// <summary>Memory held by the table, in bytes (targets, weights and row starts).</summary>
    public long Bytes => 4L * Target.Length + (_packed is not null ? 4L * _packed.Length : _weights is null ? 4L : 4L * _weights.Length) + 4L * RowStart.Length;

    /// <summary>True when the targets of every row are in non-decreasing order (what every generator produces).</summary>
    public bool RowsSorted
    {
        get
        {
            for (var i = 0; i < PreSize; i++)
                for (var s = RowStart[i] + 1; s < RowStart[i + 1]; s++)
                    if (Target[s] < Target[s - 1]) return false;
            return true;
        }
    }

    /// <summary>A copy whose rows are sorted by target; synapses with the same target keep their order (a stable sort).</summary>
    public SynapseTable SortRows()
    {
        var target = (int[])Target.Clone();
        var weight = _packed is null ? Weight : null;
        var packed = _packed is null ? null : new int[_packed.Length];
        for (var i = 0; i < PreSize; i++)
        {
            var from = RowStart[i];
            var count = RowStart[i + 1] - from;
            var order = Enumerable.Range(from, count).OrderBy(s => Target[s]).ToArray();
            for (var k = 0; k < count; k++)
            {
                target[from + k] = Target[order[k]];
                if (packed is not null) packed[from + k] = _packed![order[k]];
                else weight![from + k] = WeightAt(order[k]);
            }
        }
        if (packed is not null) return new SynapseTable(PreSize, PostSize, RowStart, target, packed, WeightScale);
        return new SynapseTable(PreSize, PostSize, RowStart, target, weight!);
    }

    /// <summary>For a row-sorted table: where each row's targets reach <paramref name="bound"/> (index of the first synapse with target ≥ bound).</summary>
    public int[] RowOffsetsAt(int bound)
    {
        var offsets = new int[PreSize];
        for (var i = 0; i < PreSize; i++)
        {
            int lo = RowStart[i], hi = RowStart[i + 1];
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Target[mid] < bound) lo = mid + 1;
                else hi = mid;
            }
            offsets[i] = lo;
        }
        return offsets;
    }

    /// <summary>
    /// Asks the cache for the first synapses from <paramref name="synapse"/> on (targets, and weights where they are per
    /// synapse): the rows of successive spikes lie anywhere in the table, so a row's first lines would otherwise be
    /// waited for; asked one spike ahead, they arrive while the spike before is added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int synapse)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || (uint)synapse >= (uint)Target.Length) return;
        var target = (byte*)Unsafe.AsPointer(ref Target[synapse]);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(target);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(target + 64);
        if (_weights is not null) System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref _weights[synapse]));
    }

    /// <summary>Adds the weights of synapses [<paramref name="from"/>, <paramref name="to"/>) (a slice of one row) into <paramref name="post"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AccumulateSlice(int from, int to, double[] post)
    {
        if (_packed is not null) throw new InvalidOperationException("a table with per-synapse delays is propagated with AccumulateSliceDelayed");
        if (post.Length < PostSize) throw new ArgumentException($"a row of {post.Length} cells for {PostSize} targets", nameof(post));
        if (from < 0 || from > to || to > Target.Length) throw new ArgumentOutOfRangeException(nameof(to), $"[{from}, {to}) is not a slice of {Target.Length} synapses");
        if (_weights is null) AddUniform(from, to, post, _uniform);
        else AddWeights(from, to, post);
    }

    /// <summary>Zeroes the cells of <paramref name="post"/> that the rows of <paramref name="pres"/> reach (what their spikes added).</summary>
    public void ClearTargets(List<int> pres, double[] post)
    {
        if (post.Length < PostSize) throw new ArgumentException($"a row of {post.Length} cells for {PostSize} targets", nameof(post));
        ref var target = ref MemoryMarshal.GetArrayDataReference(Target);
        foreach (var pre in pres)
        {
            var (from, end) = InTable(RowStart[pre], RowStart[pre + 1]);
            for (nint s = from; s < end; s++) post[Unsafe.Add(ref target, s)] = 0;
        }
    }

    /// <summary>
    /// Adds the cells of <paramref name="post"/> that the rows of <paramref name="pres"/> point at into
    /// <paramref name="into"/> (into[t] + post[t], once per target: a cell is zeroed as it is moved, and a zero cell is
    /// left, since into[t] + 0.0 is the model's own sum with the zero row), leaving those cells zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MoveTargets(List<int> pres, double[] post, double[] into)
    {
        if (post.Length < PostSize || into.Length < PostSize)
            throw new ArgumentException($"rows of {post.Length} and {into.Length} cells for {PostSize} targets", nameof(post));
        ref var target = ref MemoryMarshal.GetArrayDataReference(Target);
        foreach (var pre in pres)
        {
            var (from, end) = InTable(RowStart[pre], RowStart[pre + 1]);
            for (nint s = from; s < end; s++)
            {
                var t = Unsafe.Add(ref target, s);
                var v = post[t];
                if (v == 0) continue;
                into[t] += v;
                post[t] = 0;
            }
        }
    }

    /// <summary>[from, to) when it lies in the table (RowStart's rows do; checked once per row, not per synapse).</summary>
    private (int From, int To) InTable(int from, int to) =>
        from >= 0 && from <= to && to <= Target.Length ? (from, to) : throw new InvalidOperationException($"row [{from}, {to}) outside the table's {Target.Length} synapses");

    // Synapses [from, to) (checked to lie in the table) into post: the targets are read without a range check per
    // synapse; the row's cells keep theirs, so a table whose public arrays were changed cannot write outside the row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddUniform(int from, int to, Span<double> post, double w)
    {
        ref var target = ref MemoryMarshal.GetArrayDataReference(Target);
        for (nint s = from; s < to; s++) post[Unsafe.Add(ref target, s)] += w;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddWeights(int from, int to, Span<double> post)
    {
        ref var target = ref MemoryMarshal.GetArrayDataReference(Target);
        ref var weight = ref MemoryMarshal.GetArrayDataReference(_weights!);
        for (nint s = from; s < to; s++) post[Unsafe.Add(ref target, s)] += Unsafe.Add(ref weight, s);
    }
}
