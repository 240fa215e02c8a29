namespace EventSpike.Neurons.Runtime;

/// <summary>The queued layout of a <see cref="DelayRing"/>: lists per arrival step, lane and shift, drained into one row.</summary>
public sealed partial class DelayRing
{
    /// <summary>Auto layout: queued where dense rows would take more than this (about a quarter of a core's L2 and up).</summary>
    public const long QueueAboveBytes = 256 * 1024;

    /// <summary>The largest shift a queued ring takes (q · 2^shift must stay a 32-bit number).</summary>
    private const int MaxQueuedShift = 15;

    /// <summary>Names the layout every Auto ring takes (<c>dense</c>, <c>queued</c>): for side-by-side measurements of one build.</summary>
    public const string LayoutVariable = "EVENTSPIKE_DELAY_RINGS";

    private static readonly AsyncLocal<DelayRingLayout?> Preferred = new();
    private static DelayRingLayout? _fromEnvironment;

    private readonly int[]? _row;               // queued: the row the lists of a step are added into; zero between steps
    private ArrivalLists?[][]? _lists;          // queued: [lane][shift]
    private (int From, int To)[] _lanes;
    private int[]?[]? _restored;                 // queued: rows put back from a checkpoint, per slot (null: none)
    private int[]? _restoredLeft;                // lanes that have not yet read a restored row

    /// <summary>True when the ring keeps its events as per-step lists (<see cref="DelayRingLayout.Queued"/>).</summary>
    public bool Queued => _row is not null;

    /// <summary>Events in flight in the lists (0 for a dense ring).</summary>
    public long QueuedEvents => _lists?.Sum(lane => lane.Sum(l => l?.Count ?? 0)) ?? 0;

    /// <summary>Target ranges of the lanes (one lane, every target, unless <see cref="SplitLanes"/>).</summary>
    public IReadOnlyList<(int From, int To)> Lanes => _lanes;

    /// <summary>
    /// Within the scope (this thread and what it awaits), rings built with <see cref="DelayRingLayout.Auto"/> take
    /// <paramref name="layout"/> where they can (a queued ring needs 32-bit rows and at most 2¹⁶ targets; Auto: by size,
    /// whatever <see cref="LayoutVariable"/> says): tests build the same network in both layouts.
    /// </summary>
    public static IDisposable Prefer(DelayRingLayout layout)
    {
        var before = Preferred.Value;
        Preferred.Value = layout;
        return new Scope(() => Preferred.Value = before);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    /// <summary>
    /// Queued or dense. Asked for explicitly: as asked (queued where it cannot be: an error). Auto: a preference in scope
    /// (<see cref="Prefer"/>), else <see cref="LayoutVariable"/> (queued only where it can be), else queued where it can be
    /// and the dense rows would take more than <see cref="QueueAboveBytes"/> (a small ring stays in the caches and is
    /// cheaper read and written in place).
    /// </summary>
    private static bool ChooseQueued(int rows, int width, bool wide, DelayRingLayout layout)
    {
        var possible = !wide && width <= 1 << 16;
        if (layout == DelayRingLayout.Queued && !possible)
            throw new ArgumentException($"a queued delay ring needs 32-bit rows and at most {1 << 16} targets (width {width}, wide {wide})");
        if (layout == DelayRingLayout.Auto) layout = Preferred.Value ?? FromEnvironment();
        return layout switch
        {
            DelayRingLayout.Dense => false,
            DelayRingLayout.Queued => possible,
            _ => possible && 4L * rows * width > QueueAboveBytes,
        };
    }

    /// <summary>The layout <see cref="LayoutVariable"/> asks for (Auto when unset); an unknown value throws, naming the variable.</summary>
    public static DelayRingLayout EnvironmentLayout() => FromEnvironment();

    private static DelayRingLayout FromEnvironment() => _fromEnvironment ??= Environment.GetEnvironmentVariable(LayoutVariable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => DelayRingLayout.Auto,
        "dense" => DelayRingLayout.Dense,
        "queued" => DelayRingLayout.Queued,
        var other => throw new InvalidOperationException($"{LayoutVariable}='{other}': expected auto, dense or queued"),
    };

    /// <summary>
    /// A queued ring of a split layer: one lane per partition (<paramref name="ranges"/>, in order, covering every
    /// target), each with its own lists, so partitions add and read their own targets without locks. Only while
    /// nothing is in flight; a dense ring is left as it is (partitions write disjoint cells).
    /// </summary>
    public void SplitLanes(IReadOnlyList<(int From, int To)> ranges)
    {
        if (_row is null) return;
        if (ranges.Count == 0 || ranges[0].From != 0 || ranges[^1].To != Width || ranges.Zip(ranges.Skip(1)).Any(p => p.First.To != p.Second.From))
            throw new ArgumentException($"lanes must cover targets 0..{Width} in order");
        if (QueuedEvents > 0) throw new InvalidOperationException("a ring is split into lanes only while nothing is in flight");
        _lanes = ranges.ToArray();
        _lists = _lanes.Select(_ => new ArrivalLists?[MaxQueuedShift + 1]).ToArray();
    }

    /// <summary>
    /// As <see cref="Add"/> for a slice whose targets may lie in any lane (a serial delivery into a split layer): each
    /// synapse goes to the lists of the lane of its target.
    /// </summary>
    public void AddRouted(SynapseTable table, int shift, int from, int to, int baseSlot)
    {
        if (_row is null || _lanes.Length == 1)
        {
            Add(table, shift, from, to, baseSlot);
            return;
        }
        if (from >= to) return;
        for (var lane = 0; lane < _lanes.Length; lane++)
            Lists(lane, shift).AppendWithin(table.Target, table.Packed, from, to, baseSlot, _lanes[lane].From, _lanes[lane].To);
    }

    /// <summary>
    /// As <see cref="Add"/> for the synapses of [from, to) whose target lies in <paramref name="range"/> (a split layer's
    /// partition), the slice being one row of a table ordered by delay (<see cref="SynapseTable.OrderedByDelay"/>): a queued
    /// ring bisects each delay's run for the partition's targets and appends them to <paramref name="lane"/>'s lists; a
    /// dense ring (small: in the caches) adds the synapses whose target is in the range, one by one.
    /// </summary>
    public void AddRuns(SynapseTable table, int shift, int from, int to, int baseSlot, (int From, int To) range, int lane)
    {
        if (from >= to) return;
        if (_row is not null)
        {
            Lists(lane, shift).AppendRuns(table.Target, table.Packed, from, to, baseSlot, range.From, range.To);
            return;
        }
        var (targets, words, wide, narrow) = (table.Target, table.Packed, _wide, _narrow);
        for (var s = from; s < to; s++)
        {
            var t = targets[s];
            if (t < range.From || t >= range.To) continue;
            var slot = baseSlot + (words[s] >>> 16);
            if (slot >= Rows) slot -= Rows;
            if (wide is not null) wide[(long)slot * Width + t] += (long)(short)words[s] << shift;
            else narrow![(long)slot * Width + t] += (short)words[s] << shift;
        }
    }

    private ArrivalLists Lists(int lane, int shift)
    {
        if ((uint)shift > MaxQueuedShift) throw new ArgumentOutOfRangeException(nameof(shift), $"a queued ring takes shifts 0..{MaxQueuedShift}");
        var lists = _lists![lane];
        return lists[shift] ??= new ArrivalLists(Rows);
    }

    /// <summary>Adds the lists of <paramref name="slot"/> of every lane within [from, to) (and a restored row's part) into the row.</summary>
    private void Gather(int slot, int from, int to)
    {
        var lanes = 0;
        for (var lane = 0; lane < _lanes.Length; lane++)
        {
            var (lo, hi) = _lanes[lane];
            if (hi <= from || lo >= to) continue;
            if (lo < from || hi > to)
                throw new InvalidOperationException($"targets {from}..{to} of a ring split into lanes cut lane {lo}..{hi}");
            lanes++;
            var lists = _lists![lane];
            for (var shift = 0; shift < lists.Length; shift++) lists[shift]?.Drain(slot, _row!, shift);
        }
        if (_restored![slot] is not { } restored) return;
        for (var j = from; j < to; j++)
        {
            _row![j] += restored[j];
            restored[j] = 0;
        }
        if (Interlocked.Add(ref _restoredLeft![slot], -lanes) <= 0) _restored[slot] = null;
    }

    private double[]? QueuedRowValues(int slot)
    {
        var sums = new long[Width];
        foreach (var lane in _lists!)
            for (var shift = 0; shift < lane.Length; shift++)
                lane[shift]?.AddTo(slot, sums, shift);
        if (_restored![slot] is { } restored)
            for (var j = 0; j < Width; j++) sums[j] += restored[j];
        return Array.TrueForAll(sums, v => v == 0) ? null : sums.Select(v => v * Quantum).ToArray();
    }

    private void SetQueuedRow(int slot, double[]? values)
    {
        foreach (var lane in _lists!)
            foreach (var lists in lane) lists?.Drop(slot);
        var units = values?.Select(v => (int)Math.Round(v / Quantum)).ToArray();
        _restored![slot] = units is null || Array.TrueForAll(units, u => u == 0) ? null : units;
        _restoredLeft![slot] = _lanes.Length;
    }

    private void ClearQueued()
    {
        foreach (var lane in _lists!)
            foreach (var lists in lane) lists?.Clear();
        Array.Clear(_row!);
        Array.Clear(_restored!);
    }

    private long QueuedBytes =>
        4L * Width + _lists!.Sum(lane => lane.Sum(l => l?.Bytes ?? 0)) + _restored!.Sum(r => r is null ? 0L : 4L * r.Length);
}
