using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EventSpike.Neurons.Random;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): a small, fast generator whose whole state is four
/// 64-bit words, so a layer's generator can be checkpointed and restored exactly. Every random
/// draw in EventSpike comes from one of these, seeded per (network seed, layer, shard) through
/// <see cref="StreamSeed"/>; none is shared between layers or threads.
/// </summary>
public sealed partial class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four state words from one 64-bit seed with SplitMix64, as the authors advise.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var sm = seed;
        _s0 = StreamSeed.SplitMix64(ref sm);
        _s1 = StreamSeed.SplitMix64(ref sm);
        _s2 = StreamSeed.SplitMix64(ref sm);
        _s3 = StreamSeed.SplitMix64(ref sm);
    }

    /// <summary>Restores a generator from <see cref="GetState"/>.</summary>
    public Xoshiro256StarStar(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4) throw new ArgumentException("xoshiro256** state has four words", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        if ((_s0 | _s1 | _s2 | _s3) == 0) throw new ArgumentException("xoshiro256** state must not be all zero", nameof(state));
    }

    /// <summary>The four state words, for checkpoints.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="into"/> with what as many <see cref="NextDouble"/> calls give, in order (the state kept in registers).</summary>
    public void FillDoubles(Span<double> into)
    {
        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        for (var i = 0; i < into.Length; i++)
        {
            var result = RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            into[i] = (result >> 11) * (1.0 / (1UL << 53));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// Writes the 53 high bits (<c>NextUInt64() &gt;&gt; 11</c>, the integer behind <see cref="NextDouble"/>) of this
    /// stream's next <paramref name="count"/> draws to <c>into[offset + i · stride]</c>.
    /// </summary>
    public void FillBits(Span<long> into, int offset, int stride, int count)
    {
        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        for (var i = 0; i < count; i++)
        {
            var result = RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            into[offset + i * stride] = (long)(result >> 11);
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// <see cref="FillBits"/> for four streams at once, one per 64-bit lane (AVX2; the multiplications by 5 and 9 as shifts
    /// and adds, the same numbers mod 2^64): stream <c>lanes[l]</c>'s i-th draw, i &lt; <c>counts[l]</c>, goes to
    /// <c>into[l · stride + i]</c>, and the stream ends where <c>counts[l]</c> calls of <see cref="NextUInt64"/> would leave it.
    /// A lane with fewer draws than the longest leaves what follows its draws (up to a multiple of four) overwritten.
    /// </summary>
    public static void FillBits4(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, Span<long> into, int stride)
    {
        if (lanes.Length != 4 || counts.Length != 4) throw new ArgumentException("four streams and four counts", nameof(lanes));
        var most = 0;
        foreach (var count in counts) most = Math.Max(most, count);
        var iterations = (most + 3) & ~3;
        if (iterations > stride || into.Length < 3 * stride + iterations) throw new ArgumentException($"{into.Length} places for four lanes of {most} draws", nameof(into));
        if (!Avx2.IsSupported)
        {
            for (var l = 0; l < 4; l++) lanes[l].FillBits(into, l * stride, 1, counts[l]);
            return;
        }
        var (a, b, c, d) = (lanes[0], lanes[1], lanes[2], lanes[3]);
        var s0 = Vector256.Create(a._s0, b._s0, c._s0, d._s0);
        var s1 = Vector256.Create(a._s1, b._s1, c._s1, d._s1);
        var s2 = Vector256.Create(a._s2, b._s2, c._s2, d._s2);
        var s3 = Vector256.Create(a._s3, b._s3, c._s3, d._s3);
        var nextStop = NextStop(counts, 0);
        ref var o = ref MemoryMarshal.GetReference(into);
        for (var i = 0; i < iterations; i += 4)
        {
            Vector256<long> r0, r1, r2, r3;
            if (nextStop > i + 3)
            {
                r0 = Next4(ref s0, ref s1, ref s2, ref s3);
                r1 = Next4(ref s0, ref s1, ref s2, ref s3);
                r2 = Next4(ref s0, ref s1, ref s2, ref s3);
                r3 = Next4(ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                // A lane stops inside these four: its state is kept when its count is reached.
                Keep(lanes, counts, i, s0, s1, s2, s3);
                r0 = Next4(ref s0, ref s1, ref s2, ref s3);
                Keep(lanes, counts, i + 1, s0, s1, s2, s3);
                r1 = Next4(ref s0, ref s1, ref s2, ref s3);
                Keep(lanes, counts, i + 2, s0, s1, s2, s3);
                r2 = Next4(ref s0, ref s1, ref s2, ref s3);
                Keep(lanes, counts, i + 3, s0, s1, s2, s3);
                r3 = Next4(ref s0, ref s1, ref s2, ref s3);
                nextStop = NextStop(counts, i + 4);
            }
            // Four draws of four lanes, transposed: lane l's draws i..i+3 together.
            var t0 = Avx2.UnpackLow(r0, r1);
            var t1 = Avx2.UnpackHigh(r0, r1);
            var t2 = Avx2.UnpackLow(r2, r3);
            var t3 = Avx2.UnpackHigh(r2, r3);
            Avx2.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref o, (nuint)i);
            Avx2.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref o, (nuint)(stride + i));
            Avx2.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref o, (nuint)(2 * stride + i));
            Avx2.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref o, (nuint)(3 * stride + i));
        }
        Keep(lanes, counts, iterations, s0, s1, s2, s3);
    }

    /// <summary>One xoshiro256** step of four streams; the 53 high bits of each output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Next4(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var x = s1 + (s1 << 2);
        x = (x << 7) | (x >>> 57);
        var result = x + (x << 3);
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >>> 19);
        return (result >>> 11).AsInt64();
    }

    /// <summary>The smallest count at or after <paramref name="at"/> (int.MaxValue: none).</summary>
    private static int NextStop(ReadOnlySpan<int> counts, int at)
    {
        var next = int.MaxValue;
        foreach (var count in counts)
            if (count >= at && count < next) next = count;
        return next;
    }

    /// <summary>The lanes whose count is <paramref name="at"/> take their state from the vectors.</summary>
    private static void Keep(ReadOnlySpan<Xoshiro256StarStar> lanes, ReadOnlySpan<int> counts, int at,
        Vector256<ulong> s0, Vector256<ulong> s1, Vector256<ulong> s2, Vector256<ulong> s3)
    {
        for (var l = 0; l < 4; l++)
            if (counts[l] == at) (lanes[l]._s0, lanes[l]._s1, lanes[l]._s2, lanes[l]._s3) = (s0[l], s1[l], s2[l], s3[l]);
    }

    /// <summary>Uniform on [lo, hi).</summary>
    public double NextUniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer on [0, n), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var range = (ulong)n;
        var m = (NextUInt64() >> 32) * range;
        if ((m & 0xFFFFFFFFUL) < range)
        {
            var threshold = ((1UL << 32) - range) % range;
            while ((m & 0xFFFFFFFFUL) < threshold) m = (NextUInt64() >> 32) * range;
        }
        return (int)(m >> 32);
    }

    /// <summary>
    /// Standard normal by the Marsaglia polar method. The second variate is discarded so that the
    /// generator state alone determines the next draw (no hidden cache to checkpoint).
    /// </summary>
    public double NextGaussian()
    {
        while (true)
        {
            var u = 2.0 * NextDouble() - 1.0;
            var v = 2.0 * NextDouble() - 1.0;
            var s = u * u + v * v;
            if (s >= 1.0 || s == 0.0) continue;
            return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
        }
    }

    /// <summary>
    /// Poisson variate with mean <paramref name="lambda"/>: inversion by sequential search for
    /// λ &lt; 10, Hörmann's transformed rejection (PTRS, 1993) above.
    /// </summary>
    public int NextPoisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda < 10.0)
        {
            var u = NextDouble();
            var p = Math.Exp(-lambda);
            var k = 0;
            var cumulative = p;
            while (u > cumulative && k < 1000)
            {
                k++;
                p *= lambda / k;
                cumulative += p;
            }
            return k;
        }
        var slam = Math.Sqrt(lambda);
        var loglam = Math.Log(lambda);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invalpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = NextDouble() - 0.5;
            var v = NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return (int)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b)
                <= -lambda + k * loglam - LogFactorial(k))
                return (int)k;
        }
    }

    private static double LogFactorial(double k)
    {
        if (k < 2) return 0;
        // Stirling series; exact enough for k >= 10 where PTRS uses it, summed directly below.
        if (k < 20)
        {
            var s = 0.0;
            for (var i = 2; i <= (int)k; i++) s += Math.Log(i);
            return s;
        }
        return (k + 0.5) * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI) + 1.0 / (12 * k) - 1.0 / (360 * k * k * k);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
