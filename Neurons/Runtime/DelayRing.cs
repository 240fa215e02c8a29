using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// The input in flight to one port of a layer from every projection into it whose table has per-synapse
/// delays (<see cref="SynapseTable.HasDelays"/>): <see cref="Rows"/> arrival steps (arrival step mod Rows) ×
/// <see cref="Width"/> targets of whole numbers, shared by all those projections.
///
/// A table's weights are q · scale with a power-of-two scale (<see cref="SynapseTable.WithDelays"/>); the
/// ring counts in <see cref="Quantum"/>, the smallest scale among its tables, so a synapse adds
/// q · 2^shift (shift = log2(scale / quantum)) to the row of its arrival step. Integer sums do not depend on
/// the order they are made in: a row holds the same number whichever projection, source step, shard or
/// thread delivered first, and whichever layout (<see cref="DelayRingLayout"/>) holds it. A step reads its row
/// as value · quantum (exact in a double) and clears it at once, so only the row just consumed is ever cleared.
///
/// Dense: the rows themselves, 32-bit when no row can overflow (every synapse onto a target, each at most once per
/// arrival step, at its largest |q| · 2^shift, sums to less than 2³¹), else 64-bit. Queued (32-bit rings of at most
/// 2¹⁶ targets whose rows exceed <see cref="QueueAboveBytes"/>): per arrival step and producer ("lane": a split layer's
/// partition adds and reads only its own targets) lists of (target, q) entries (<see cref="ArrivalLists"/>), added
/// into one row of the width at their step — sequential appends instead of random read-modify-writes into tens of MB.
/// </summary>
public sealed partial class DelayRing
{
    private readonly int[]? _narrow;
    private readonly long[]? _wide;

    /// <param name="rows">Arrival steps the ring holds (longer than every delay plus the delivery horizon).</param>
    /// <param name="width">Targets (the port's width).</param>
    /// <param name="quantum">What one unit of a row is worth.</param>
    /// <param name="wide">64-bit rows (when 32 bits could overflow).</param>
    /// <param name="layout">Dense or queued; <see cref="DelayRingLayout.Auto"/>: see <see cref="ChooseQueued"/>.</param>
    public DelayRing(int rows, int width, double quantum, bool wide, DelayRingLayout layout = DelayRingLayout.Auto)
    {
        if (rows < 1 || width < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        Rows = rows;
        Width = width;
        Quantum = quantum;
        _lanes = [(0, width)];
        if (ChooseQueued(rows, width, wide, layout))
        {
            _row = new int[width];
            _lists = [new ArrivalLists?[MaxQueuedShift + 1]];
            _restored = new int[]?[rows];
            _restoredLeft = new int[rows];
        }
        else if (wide) _wide = new long[(long)rows * width];
        else _narrow = new int[(long)rows * width];
    }

    public int Rows { get; }
    public int Width { get; }
    public double Quantum { get; }
    public bool Wide => _wide is not null;

    /// <summary>Memory held by the rows (queued: the one row, the lists' room and restored rows), in bytes.</summary>
    public long Bytes => _row is not null ? QueuedBytes : (_wide is not null ? 8L : 4L) * Rows * Width;

    /// <summary>
    /// Adds synapses [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="table"/> (a slice of one row):
    /// synapse k's q · 2^<paramref name="shift"/> into row (<paramref name="baseSlot"/> + its delay) mod Rows,
    /// <paramref name="baseSlot"/> being the source step's row. A queued ring split into lanes (<see cref="SplitLanes"/>)
    /// appends to <paramref name="lane"/>'s lists: every target of the slice must be that lane's (else
    /// <see cref="AddRouted"/>).
    /// </summary>
    public void Add(SynapseTable table, int shift, int from, int to, int baseSlot, int lane = 0)
    {
        if (from >= to) return;
        if (_row is not null)
        {
            Lists(lane, shift).Append(table.Target, table.Packed, from, to, baseSlot);
            return;
        }
        if (_narrow is { } narrow)
        {
            AddNarrow(narrow, table.Target, table.Packed, shift, from, to, baseSlot);
            return;
        }
        var rows = Rows;
        var width = Width;
        ref var target = ref MemoryMarshal.GetArrayDataReference(table.Target);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(table.Packed);
        ref var wide = ref MemoryMarshal.GetArrayDataReference(_wide!);
        for (nint s = from; s < to; s++)
        {
            var word = Unsafe.Add(ref packed, s);
            var slot = baseSlot + (word >>> 16);
            if (slot >= rows) slot -= rows;
            Unsafe.Add(ref wide, (nint)slot * width + Unsafe.Add(ref target, s)) += (long)(short)word << shift;
        }
    }

    /// <summary>How many synapses ahead <see cref="AddNarrow"/> asks for a cell to be fetched.</summary>
    private const int PrefetchAhead = 16;

    /// <summary>
    /// The 32-bit <see cref="Add"/>. A row's cells are scattered over the ring (tens of MB for PD14, beyond the caches), so each
    /// addition waits for memory: the cell of the synapse <see cref="PrefetchAhead"/> places on is asked for first, which
    /// keeps that many fetches in flight (measured: 13.6 → 10.4 ns per synapse on a 31 MB ring set, loaded machine).
    /// </summary>
    private unsafe void AddNarrow(int[] narrow, int[] targets, int[] words, int shift, int from, int to, int baseSlot)
    {
        var rows = Rows;
        var width = Width;
        ref var target = ref MemoryMarshal.GetArrayDataReference(targets);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(words);
        ref var ring = ref MemoryMarshal.GetArrayDataReference(narrow);
        nint s = from;
        if (Sse.IsSupported)
            for (; s < to - PrefetchAhead; s++)
            {
                var next = Unsafe.Add(ref packed, s + PrefetchAhead);
                var nextSlot = baseSlot + (next >>> 16);
                if (nextSlot >= rows) nextSlot -= rows;
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref ring, (nint)(nextSlot * width + Unsafe.Add(ref target, s + PrefetchAhead)))));
                var word = Unsafe.Add(ref packed, s);
                var slot = baseSlot + (word >>> 16);
                if (slot >= rows) slot -= rows;
                Unsafe.Add(ref ring, (nint)(slot * width + Unsafe.Add(ref target, s))) += (short)word << shift;
            }
        for (; s < to; s++)
        {
            var word = Unsafe.Add(ref packed, s);
            var slot = baseSlot + (word >>> 16);
            if (slot >= rows) slot -= rows;
            Unsafe.Add(ref ring, (nint)(slot * width + Unsafe.Add(ref target, s))) += (short)word << shift;
        }
    }

    /// <summary>
    /// The row of arrival step <paramref name="step"/>, targets [<paramref name="from"/>, <paramref name="to"/>), as values
    /// (units · quantum) added to (<paramref name="add"/>) or written into <paramref name="into"/>; those targets of the row
    /// are then zero. A queued ring split into lanes: [from, to) is one lane's range or a union of lanes.
    /// </summary>
    public void Take(long step, double[] into, int from, int to, bool add)
    {
        var slot = (int)(step % Rows);
        var q = Quantum;
        if (_wide is { } wide)
        {
            var start = (long)slot * Width;
            for (var j = from; j < to; j++)
            {
                var v = wide[start + j] * q;
                into[j] = add ? into[j] + v : v;
                wide[start + j] = 0;
            }
            return;
        }
        if (_row is not null) Gather(slot, from, to);
        var row = _row is not null ? _row.AsSpan() : _narrow.AsSpan(slot * Width, Width);
        var j0 = from;
        if (Avx.IsSupported && !add)
        {
            var qv = Vector256.Create(q);
            ref var r = ref MemoryMarshal.GetReference(row);
            ref var o = ref MemoryMarshal.GetArrayDataReference(into);
            for (; j0 <= to - 4; j0 += 4)
            {
                var ints = Vector128.LoadUnsafe(ref r, (nuint)j0);
                (Avx.ConvertToVector256Double(ints) * qv).StoreUnsafe(ref o, (nuint)j0);
                Vector128<int>.Zero.StoreUnsafe(ref r, (nuint)j0);
            }
        }
        for (var j = j0; j < to; j++)
        {
            var v = row[j] * q;
            into[j] = add ? into[j] + v : v;
            row[j] = 0;
        }
    }

    /// <summary>Row <paramref name="slot"/> as values (units · quantum), for a checkpoint; null when it holds nothing.</summary>
    public double[]? RowValues(int slot)
    {
        if (_row is not null) return QueuedRowValues(slot);
        var values = new double[Width];
        var any = false;
        for (var j = 0; j < Width; j++)
        {
            var v = _wide is not null ? _wide[(long)slot * Width + j] : _narrow![(long)slot * Width + j];
            values[j] = v * Quantum;
            any |= v != 0;
        }
        return any ? values : null;
    }

    /// <summary>Puts row <paramref name="slot"/> back from <see cref="RowValues"/> (null: empty).</summary>
    public void SetRow(int slot, double[]? values)
    {
        if (values is not null && values.Length != Width) throw new ArgumentException($"a ring row has {Width} targets, got {values.Length}");
        if (_row is not null)
        {
            SetQueuedRow(slot, values);
            return;
        }
        for (var j = 0; j < Width; j++)
        {
            var units = values is null ? 0 : Math.Round(values[j] / Quantum);
            if (_wide is not null) _wide[(long)slot * Width + j] = (long)units;
            else _narrow![(long)slot * Width + j] = (int)units;
        }
    }

    /// <summary>Drops everything in flight.</summary>
    public void Clear()
    {
        if (_row is not null) ClearQueued();
        else if (_wide is not null) Array.Clear(_wide);
        else Array.Clear(_narrow!);
    }
}
