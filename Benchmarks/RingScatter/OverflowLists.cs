using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// The long-delay side of a capped ring: per arrival step (mod 64, more than any PD14 delay) a list of 4-byte entries
/// (target in the high 16 bits — PD14's widths are below 2¹⁶ — and the weight's q in the low 16), appended in delivery
/// order and added into the ring's row just before the row is read. Integer sums, so the row holds the same number
/// whichever order its entries arrive in (exact). A list grows by doubling, between appends of one presynaptic row.
/// </summary>
internal sealed class OverflowLists
{
    public const int Mask = 63;
    private readonly int[][] _entries = Enumerable.Range(0, Mask + 1).Select(_ => new int[8192]).ToArray();
    private readonly int[] _count = new int[Mask + 1];
    private int _leastRoom; // a lower bound on every list's free entries

    /// <summary>Appends synapses [from, to) to the list of their arrival step (step + delay) mod 64.</summary>
    public void Append(int[] targets, int[] words, int from, int to, long step)
    {
        if (from >= to) return;
        if (_leastRoom < to - from) MakeRoom(to - from);
        _leastRoom -= to - from;
        ref var target = ref MemoryMarshal.GetArrayDataReference(targets);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(words);
        ref var count = ref MemoryMarshal.GetArrayDataReference(_count);
        ref var lists = ref MemoryMarshal.GetArrayDataReference(_entries);
        var baseList = (int)(step & Mask);
        for (nint s = from; s < to; s++)
        {
            var word = Unsafe.Add(ref packed, s);
            var list = (baseList + (word >>> 16)) & Mask;
            ref var n = ref Unsafe.Add(ref count, list);
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref lists, list)), n++) = (Unsafe.Add(ref target, s) << 16) | (word & 0xFFFF);
        }
    }

    public void Drain(int list, Span<int> row)
    {
        ref var entry = ref MemoryMarshal.GetArrayDataReference(_entries[list]);
        ref var cells = ref MemoryMarshal.GetReference(row);
        for (nint i = 0; i < _count[list]; i++)
        {
            var e = Unsafe.Add(ref entry, i);
            Unsafe.Add(ref cells, e >>> 16) += (short)e;
        }
        _count[list] = 0;
    }

    private void MakeRoom(int room)
    {
        _leastRoom = int.MaxValue;
        for (var list = 0; list <= Mask; list++)
        {
            if (_entries[list].Length - _count[list] < room)
                Array.Resize(ref _entries[list], Math.Max(2 * _entries[list].Length, _count[list] + room));
            _leastRoom = Math.Min(_leastRoom, _entries[list].Length - _count[list]);
        }
    }
}
