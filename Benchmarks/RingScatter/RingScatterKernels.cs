using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Benchmarks.RingScatter;

/// <summary>
/// The inner loops measured: the 32-bit ring scatter as <c>DelayRing.AddNarrow</c> does it (with and without asking
/// for the cell 16 synapses ahead) and a step's read + clear of one row (as <c>DelayRing.Take</c>), after the row's
/// overflow entries (<see cref="OverflowLists"/>) are added into it.
/// </summary>
internal static class RingScatterKernels
{
    private const int PrefetchAhead = 16;

    public static unsafe void Scatter(int[] ringCells, int rows, int width, int[] targets, int[] words, int from, int to, int baseSlot, bool prefetch)
    {
        ref var target = ref MemoryMarshal.GetArrayDataReference(targets);
        ref var packed = ref MemoryMarshal.GetArrayDataReference(words);
        ref var ring = ref MemoryMarshal.GetArrayDataReference(ringCells);
        nint s = from;
        if (prefetch)
            for (; s < to - PrefetchAhead; s++)
            {
                var next = Unsafe.Add(ref packed, s + PrefetchAhead);
                var nextSlot = baseSlot + (next >>> 16);
                if (nextSlot >= rows) nextSlot -= rows;
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref ring, (nint)(nextSlot * width + Unsafe.Add(ref target, s + PrefetchAhead)))));
                Add(ref ring, rows, width, Unsafe.Add(ref packed, s), Unsafe.Add(ref target, s), baseSlot);
            }
        for (; s < to; s++) Add(ref ring, rows, width, Unsafe.Add(ref packed, s), Unsafe.Add(ref target, s), baseSlot);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref int ring, int rows, int width, int word, int target, int baseSlot)
    {
        var slot = baseSlot + (word >>> 16);
        if (slot >= rows) slot -= rows;
        Unsafe.Add(ref ring, (nint)(slot * width + target)) += (short)word;
    }

    /// <summary>Adds the overflow entries of the row's arrival step into it, then reads the row as values · quantum into <paramref name="into"/> and clears it.</summary>
    public static void Take(int[] ringCells, int rowStart, int width, OverflowLists? lists, long step, double[] into, double quantum)
    {
        var row = ringCells.AsSpan(rowStart, width);
        lists?.Drain((int)(step & OverflowLists.Mask), row);
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var o = ref MemoryMarshal.GetArrayDataReference(into);
        var qv = Vector256.Create(quantum);
        var j = 0;
        for (; j <= width - 4; j += 4)
        {
            (Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref r, (nuint)j)) * qv).StoreUnsafe(ref o, (nuint)j);
            Vector128<int>.Zero.StoreUnsafe(ref r, (nuint)j);
        }
        for (; j < width; j++)
        {
            into[j] = row[j] * quantum;
            row[j] = 0;
        }
    }
}
