using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Neurons.Random;

/// <summary>Eight streams at once (AVX-512).</summary>
public sealed partial class Xoshiro256StarStar
{
    /// <summary>True where <see cref="FillBits8"/> runs in 512-bit vectors.</summary>
    public static bool EightLanes => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// <see cref="FillBits4"/> for eight streams, one per 64-bit lane of a 512-bit vector (the rotations one instruction
    /// each): stream <c>lanes[l]</c>'s i-th draw, i &lt; <c>counts[l]</c>, goes to <c>into[l · stride + i]</c>, and each
    /// stream ends where <c>counts[l]</c> calls of <see cref="NextUInt64"/> would leave it. Eight draws of the eight lanes
    /// are transposed in registers (unpack, two-source permute, 128-bit shuffle) so each lane's draws are stored together.
    /// A lane with fewer draws than the longest leaves what follows its draws (up to a multiple of eight) overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillBits8(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, Span<long> into, int stride)
    {
        if (lanes.Length != 8 || counts.Length != 8) throw new ArgumentException("eight streams and eight counts", nameof(lanes));
        var most = 0;
        foreach (var count in counts) most = Math.Max(most, count);
        var iterations = (most + 7) & ~7;
        if (iterations > stride || into.Length < 7 * stride + iterations) throw new ArgumentException($"{into.Length} places for eight lanes of {most} draws", nameof(into));
        if (!EightLanes)
        {
            for (var l = 0; l < 8; l++) lanes[l].FillBits(into, l * stride, 1, counts[l]);
            return;
        }
        Span<ulong> state = stackalloc ulong[32];
        for (var l = 0; l < 8; l++) (state[l], state[8 + l], state[16 + l], state[24 + l]) = (lanes[l]._s0, lanes[l]._s1, lanes[l]._s2, lanes[l]._s3);
        var s0 = Vector512.Create<ulong>(state[..8]);
        var s1 = Vector512.Create<ulong>(state[8..16]);
        var s2 = Vector512.Create<ulong>(state[16..24]);
        var s3 = Vector512.Create<ulong>(state[24..]);
        var nextStop = NextStop(counts, 0);
        ref var o = ref MemoryMarshal.GetReference(into);
        for (var i = 0; i < iterations; i += 8)
        {
            Vector512<long> r0, r1, r2, r3, r4, r5, r6, r7;
            if (nextStop > i + 7)
            {
                r0 = Next8(ref s0, ref s1, ref s2, ref s3);
                r1 = Next8(ref s0, ref s1, ref s2, ref s3);
                r2 = Next8(ref s0, ref s1, ref s2, ref s3);
                r3 = Next8(ref s0, ref s1, ref s2, ref s3);
                r4 = Next8(ref s0, ref s1, ref s2, ref s3);
                r5 = Next8(ref s0, ref s1, ref s2, ref s3);
                r6 = Next8(ref s0, ref s1, ref s2, ref s3);
                r7 = Next8(ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                // A lane stops inside these eight: its state is kept when its count is reached.
                (r0, r1, r2, r3, r4, r5, r6, r7) = (Stepped(lanes, counts, i, ref s0, ref s1, ref s2, ref s3),
                    Stepped(lanes, counts, i + 1, ref s0, ref s1, ref s2, ref s3), Stepped(lanes, counts, i + 2, ref s0, ref s1, ref s2, ref s3),
                    Stepped(lanes, counts, i + 3, ref s0, ref s1, ref s2, ref s3), Stepped(lanes, counts, i + 4, ref s0, ref s1, ref s2, ref s3),
                    Stepped(lanes, counts, i + 5, ref s0, ref s1, ref s2, ref s3), Stepped(lanes, counts, i + 6, ref s0, ref s1, ref s2, ref s3),
                    Stepped(lanes, counts, i + 7, ref s0, ref s1, ref s2, ref s3));
                nextStop = NextStop(counts, i + 8);
            }
            Transpose8(r0, r1, r2, r3, r4, r5, r6, r7, ref o, (nuint)i, (nuint)stride);
        }
        Keep8(lanes, counts, iterations, s0, s1, s2, s3);
    }

    /// <summary>One xoshiro256** step of eight streams; the 53 high bits of each output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Next8(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        var x = Avx512F.RotateLeft(s1 + (s1 << 2), 7);
        var result = x + (x << 3);
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Avx512F.RotateLeft(s3, 45);
        return (result >>> 11).AsInt64();
    }

    /// <summary>
    /// Rows r[d] (draw d of the eight lanes) stored as columns: lane l's draws d = 0..7 at <c>o[l · stride + at + d]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(Vector512<long> r0, Vector512<long> r1, Vector512<long> r2, Vector512<long> r3,
        Vector512<long> r4, Vector512<long> r5, Vector512<long> r6, Vector512<long> r7, ref long o, nuint at, nuint stride)
    {
        var lo = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
        var hi = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);
        // u0: r0..r3 of lanes 0 and 4, u1: of lanes 2 and 6, u2: of 1 and 5, u3: of 3 and 7; u4..u7 the same of r4..r7.
        var u0 = Avx512F.PermuteVar8x64x2(t0, lo, t2);
        var u1 = Avx512F.PermuteVar8x64x2(t0, hi, t2);
        var u2 = Avx512F.PermuteVar8x64x2(t1, lo, t3);
        var u3 = Avx512F.PermuteVar8x64x2(t1, hi, t3);
        var u4 = Avx512F.PermuteVar8x64x2(t4, lo, t6);
        var u5 = Avx512F.PermuteVar8x64x2(t4, hi, t6);
        var u6 = Avx512F.PermuteVar8x64x2(t5, lo, t7);
        var u7 = Avx512F.PermuteVar8x64x2(t5, hi, t7);
        Avx512F.Shuffle4x128(u0, u4, 0x44).StoreUnsafe(ref o, at);
        Avx512F.Shuffle4x128(u2, u6, 0x44).StoreUnsafe(ref o, stride + at);
        Avx512F.Shuffle4x128(u1, u5, 0x44).StoreUnsafe(ref o, 2 * stride + at);
        Avx512F.Shuffle4x128(u3, u7, 0x44).StoreUnsafe(ref o, 3 * stride + at);
        Avx512F.Shuffle4x128(u0, u4, 0xEE).StoreUnsafe(ref o, 4 * stride + at);
        Avx512F.Shuffle4x128(u2, u6, 0xEE).StoreUnsafe(ref o, 5 * stride + at);
        Avx512F.Shuffle4x128(u1, u5, 0xEE).StoreUnsafe(ref o, 6 * stride + at);
        Avx512F.Shuffle4x128(u3, u7, 0xEE).StoreUnsafe(ref o, 7 * stride + at);
    }

    /// <summary>Draw <paramref name="at"/> of the eight lanes, the lanes whose count it is keeping their state first.</summary>
    private static Vector512<long> Stepped(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, int at,
        ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        Keep8(lanes, counts, at, s0, s1, s2, s3);
        return Next8(ref s0, ref s1, ref s2, ref s3);
    }

    /// <summary>The lanes whose count is <paramref name="at"/> take their state from the vectors.</summary>
    private static void Keep8(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, int at,
        Vector512<ulong> s0, Vector512<ulong> s1, Vector512<ulong> s2, Vector512<ulong> s3)
    {
        for (var l = 0; l < 8; l++)
            if (counts[l] == at) (lanes[l]._s0, lanes[l]._s1, lanes[l]._s2, lanes[l]._s3) = (s0[l], s1[l], s2[l], s3[l]);
    }
}
