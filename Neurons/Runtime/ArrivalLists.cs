using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Neurons.Runtime;

/// <summary>
/// The events in flight of one producer (a partition of a split layer, or the whole layer) at one weight shift of a
/// queued <see cref="DelayRing"/>: per arrival slot (arrival step mod rows) a list of 4-byte entries, the target in the
/// high 16 bits (widths up to 2¹⁶) and the synapse's q in the low 16, appended in delivery order. At its step a list is
/// drained into the ring's one row of whole numbers (q · 2^shift per entry): integer sums, so the row holds the same
/// number whatever order the entries came in.
///
/// Appends are sequential writes to at most <c>rows</c> list heads instead of a random read-modify-write into a row of
/// a ring far beyond the caches. A list grows by doubling before a presynaptic row's appends (a lower bound on every
/// list's free room is kept, so the per-entry loop has no check), and after a burst it shrinks back as it drains.
/// </summary>
internal sealed class ArrivalLists
{
    private const int InitialCapacity = 256;

    /// <summary>
    /// How far past a list's head <see cref="Append"/> asks for the line to be fetched: about 60 heads per ring are too
    /// many streams for the hardware prefetcher, so each new line of a list would wait for memory when first written
    /// (measured, PD14 full scale, 1 thread, one build: 16 entries ≈ 0, 32 entries 0.88–0.94×, 64 worse).
    /// </summary>
    private const int PrefetchEntries = 32;
    private readonly int[][] _entries;
    private readonly int[] _count;
    private int _leastRoom; // a lower bound on every list's free entries

    public ArrivalLists(int rows)
    {
        _entries = new int[rows][];
        for (var slot = 0; slot < rows; slot++) _entries[slot] = new int[InitialCapacity];
        _count = new int[rows];
        _leastRoom = InitialCapacity;
    }

    /// <summary>Entries held (in flight) and memory the lists hold, in bytes.</summary>
    public long Count => _count.Sum(c => (long)c);
    public long Bytes => _entries.Sum(e => 4L * e.Length);

    /// <summary>
    /// Appends synapses [from, to): each to the list of slot (baseSlot + its delay) mod rows. A run of synapses of one
    /// delay (rows ordered by delay, <see cref="SynapseTable.OrderedByDelay"/>) is copied into its list eight entries at
    /// a time while all eight share the delay, with the list's count kept in a register and one prefetch per line; a
    /// row in any other order is a run per synapse. Every list has room for the whole slice (<see cref="MakeRoom"/>),
    /// so a vector of eight entries of one run never writes past its list.
    /// </summary>
    public unsafe void Append(int[] targets, int[] words, int from, int to, int baseSlot)
    {
        var n = to - from;
        if (_leastRoom < n) MakeRoom(n);
        _leastRoom -= n;
        var rows = _count.Length;
        ref var target = ref MemoryMarshal.GetArrayDataReference(targets);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(words);
        ref var count = ref MemoryMarshal.GetArrayDataReference(_count);
        ref var lists = ref MemoryMarshal.GetArrayDataReference(_entries);
        var low = Vector256.Create(0xFFFF);
        nint s = from;
        while (s < to)
        {
            var delay = Unsafe.Add(ref packed, s) >>> 16;
            var slot = baseSlot + delay;
            if (slot >= rows) slot -= rows;
            ref var c = ref Unsafe.Add(ref count, slot);
            ref var list = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref lists, slot));
            var at = c;
            if (Vector256.IsHardwareAccelerated)
            {
                var same = Vector256.Create(delay);
                while (s <= to - 8)
                {
                    var word = Vector256.LoadUnsafe(ref packed, (nuint)s);
                    if (Vector256.Equals(Vector256.ShiftRightLogical(word, 16), same) != Vector256<int>.AllBitsSet) break;
                    ref var head = ref Unsafe.Add(ref list, at);
                    (Vector256.ShiftLeft(Vector256.LoadUnsafe(ref target, (nuint)s), 16) | (word & low)).StoreUnsafe(ref head);
                    if (Sse.IsSupported && (at & 8) == 0) Sse.Prefetch0((byte*)Unsafe.AsPointer(ref head) + 4 * PrefetchEntries);
                    at += 8;
                    s += 8;
                }
            }
            while (s < to && Unsafe.Add(ref packed, s) >>> 16 == delay)
            {
                var word = Unsafe.Add(ref packed, s);
                ref var head = ref Unsafe.Add(ref list, at++);
                head = (Unsafe.Add(ref target, s) << 16) | (word & 0xFFFF);
                if (Sse.IsSupported && (at & 15) == 1) Sse.Prefetch0((byte*)Unsafe.AsPointer(ref head) + 4 * PrefetchEntries);
                s++;
            }
            c = at;
        }
    }

    /// <summary>As <see cref="Append"/>, only the synapses whose target lies in [lo, hi).</summary>
    public void AppendWithin(int[] targets, int[] words, int from, int to, int baseSlot, int lo, int hi)
    {
        var n = to - from;
        if (_leastRoom < n) MakeRoom(n);
        var rows = _count.Length;
        var added = 0;
        for (var s = from; s < to; s++)
        {
            var t = targets[s];
            if (t < lo || t >= hi) continue;
            var word = words[s];
            var slot = baseSlot + (word >>> 16);
            if (slot >= rows) slot -= rows;
            _entries[slot][_count[slot]++] = (t << 16) | (word & 0xFFFF);
            added++;
        }
        _leastRoom -= added;
    }

    /// <summary>
    /// As <see cref="AppendWithin"/> for one row ordered by delay and, within a delay, by target: each delay's run is
    /// found, the part of it in [lo, hi) bisected, and that part appended to the run's list.
    /// </summary>
    public void AppendRuns(int[] targets, int[] words, int from, int to, int baseSlot, int lo, int hi)
    {
        if (_leastRoom < to - from) MakeRoom(to - from);
        var rows = _count.Length;
        var added = 0;
        for (var s = from; s < to;)
        {
            var delay = words[s] >>> 16;
            var end = s + 1;
            while (end < to && words[end] >>> 16 == delay) end++;
            var first = LowerBound(targets, s, end, lo);
            var last = LowerBound(targets, first, end, hi);
            if (first < last)
            {
                var slot = baseSlot + delay;
                if (slot >= rows) slot -= rows;
                var list = _entries[slot];
                var at = _count[slot];
                for (var k = first; k < last; k++) list[at++] = (targets[k] << 16) | (words[k] & 0xFFFF);
                added += at - _count[slot];
                _count[slot] = at;
            }
            s = end;
        }
        _leastRoom -= added;
    }

    /// <summary>The first index in [from, to) whose target is ≥ <paramref name="bound"/> (targets rising there).</summary>
    private static int LowerBound(int[] targets, int from, int to, int bound)
    {
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (targets[mid] < bound) from = mid + 1;
            else to = mid;
        }
        return from;
    }

    /// <summary>Adds the list of <paramref name="slot"/> into <paramref name="row"/> (each entry q · 2^shift at its target) and empties it.</summary>
    public void Drain(int slot, int[] row, int shift)
    {
        var n = _count[slot];
        var capacity = _entries[slot].Length;
        if (capacity > 1 << 16 && n < capacity / 8) Shrink(slot, capacity / 2);
        if (n == 0) return;
        ref var entry = ref MemoryMarshal.GetArrayDataReference(_entries[slot]);
        ref var cells = ref MemoryMarshal.GetArrayDataReference(row);
        for (nint i = 0; i < n; i++)
        {
            var e = Unsafe.Add(ref entry, i);
            Unsafe.Add(ref cells, e >>> 16) += (short)e << shift;
        }
        _count[slot] = 0;
    }

    /// <summary>After a burst: gives memory back by halves once a list is used to an eighth at most.</summary>
    private void Shrink(int slot, int capacity)
    {
        var entries = new int[capacity];
        Array.Copy(_entries[slot], entries, _count[slot]);
        _entries[slot] = entries;
        _leastRoom = Math.Min(_leastRoom, capacity - _count[slot]);
    }

    /// <summary>Adds the list of <paramref name="slot"/> into <paramref name="sums"/> without emptying it (a checkpoint).</summary>
    public void AddTo(int slot, long[] sums, int shift)
    {
        var entries = _entries[slot];
        for (var i = 0; i < _count[slot]; i++) sums[entries[i] >>> 16] += (long)(short)entries[i] << shift;
    }

    /// <summary>Empties the list of <paramref name="slot"/>.</summary>
    public void Drop(int slot) => _count[slot] = 0;

    /// <summary>Empties every list.</summary>
    public void Clear() => Array.Clear(_count);

    private void MakeRoom(int room)
    {
        _leastRoom = int.MaxValue;
        for (var slot = 0; slot < _entries.Length; slot++)
        {
            if (_entries[slot].Length - _count[slot] < room)
                Array.Resize(ref _entries[slot], Math.Max(2 * _entries[slot].Length, _count[slot] + room));
            _leastRoom = Math.Min(_leastRoom, _entries[slot].Length - _count[slot]);
        }
    }
}
