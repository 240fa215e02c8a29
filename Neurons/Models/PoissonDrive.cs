using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// An independent Poisson input to every neuron of a layer at <c>rate</c> Hz (NEST's
/// poisson_generator connected one-to-one): in each step neuron j receives k ~ Poisson(rate·dt)
/// events. Counts are drawn by inversion against a precomputed table of the cumulative
/// distribution, one uniform per neuron and step, from the stream of the neuron's block. A guide table
/// (the count of table entries below g/4096, for each g) starts the search next to the answer, so a draw
/// is one lookup and, rarely, a step or two: the same counts as a search from the start.
/// </summary>
public sealed class PoissonDrive
{
    private readonly double[] _cdf;
    private readonly (Vector256<double> Lower, Vector256<double> Upper)? _cdf8;
    private readonly double _lambda;
    private const int GuideBits = 12;
    private readonly int[] _guide;
    private readonly long[] _scaledCdf;
    private readonly long[] _heads;
    private readonly long _beyondHeads;
    private readonly Xoshiro256StarStar[] _streams;
    private readonly ulong[][] _initial;

    public PoissonDrive(int size, double rate, double dt, Func<int, Xoshiro256StarStar> streams)
    {
        if (!(rate >= 0) || double.IsInfinity(rate)) throw new ModelParameterException("drive_rate", $"drive_rate must be ≥ 0 Hz, got {rate}");
        if (rate * dt > PoissonSource.MaxSpikesPerStep)
            throw new ModelParameterException("drive_rate", $"drive_rate {rate} Hz at dt {dt} s is more than {PoissonSource.MaxSpikesPerStep} events per step per neuron");
        _lambda = rate * dt;
        var cdf = new List<double>();
        var p = Math.Exp(-_lambda);
        var sum = p;
        cdf.Add(sum);
        for (var k = 1; sum < 1 - 1e-16 && k < 10_000; k++)
        {
            p *= _lambda / k;
            sum += p;
            cdf.Add(sum);
            if (p < 1e-18 && k > _lambda) break;
        }
        _cdf = cdf.ToArray();
        if (Vector256.IsHardwareAccelerated)
        {
            // Padded with 1 beyond the table's end: no u in [0, 1) is above those.
            var padded = Enumerable.Range(0, 8).Select(i => i < _cdf.Length ? _cdf[i] : 1.0).ToArray();
            _cdf8 = (Vector256.Create(padded[0], padded[1], padded[2], padded[3]), Vector256.Create(padded[4], padded[5], padded[6], padded[7]));
        }
        // ⌊cdf[k] · 2^53⌋ (cdf[k] · 2^53 is exact; a whole number m is above it exactly when it is above cdf[k] · 2^53).
        _scaledCdf = _cdf.Select(c => (long)Math.Floor(Math.ScaleB(c, 53))).ToArray();
        // The first eight entries a count can pass (those below the last; the rest never below a draw), and the entry
        // above which a draw needs more of the table than those.
        _heads = Enumerable.Range(0, 8).Select(k => k < _scaledCdf.Length - 1 ? _scaledCdf[k] : long.MaxValue).ToArray();
        _beyondHeads = _scaledCdf.Length - 1 > 8 ? _scaledCdf[7] : long.MaxValue;
        _guide = new int[1 << GuideBits];
        for (var g = 0; g < _guide.Length; g++)
        {
            var lower = g / (double)(1 << GuideBits);
            var k = 0;
            while (k < _cdf.Length - 1 && _cdf[k] < lower) k++;
            _guide[g] = k;
        }
        _streams = new Xoshiro256StarStar[(size + InitialPotentials.BlockSize - 1) / InitialPotentials.BlockSize];
        for (var b = 0; b < _streams.Length; b++) _streams[b] = streams(b);
        _initial = _streams.Select(s => s.GetState()).ToArray();
    }

    public bool Active => _lambda > 0;

    /// <summary>The cumulative distribution <see cref="Draw"/> inverts: the count is the first k with u ≤ cdf[k] (at most its last index).</summary>
    public ReadOnlySpan<double> Cdf => _cdf;

    /// <summary>The stream of neuron block <paramref name="block"/>; draw once per neuron per step, in neuron order within the block.</summary>
    public Xoshiro256StarStar Stream(int block) => _streams[block];

    /// <summary>An event count from <paramref name="rng"/> (the stream of the neuron's block).</summary>
    public int Draw(Xoshiro256StarStar rng)
    {
        var u = rng.NextDouble();
        var cdf = _cdf;
        // The count is the number of table entries below u (the table rises). The first eight are
        // compared at once, without branches; the rare larger counts continue one by one.
        var k = _cdf8 is { } head
            ? BitOperations.PopCount(Vector256.LessThan(head.Lower, Vector256.Create(u)).ExtractMostSignificantBits()) +
              BitOperations.PopCount(Vector256.LessThan(head.Upper, Vector256.Create(u)).ExtractMostSignificantBits())
            : 0;
        if (k < 8 && _cdf8 is not null) return Math.Min(k, cdf.Length - 1);
        while (u > cdf[k] && k < cdf.Length - 1) k++;
        return k;
    }

    /// <summary>
    /// driven[j] = exc[j] + k_j · <paramref name="weight"/> for neurons [from, to), k_j this step's event count of neuron j,
    /// block by block from each block's stream in neuron order (the draws <see cref="Draw"/> would make, made in one go).
    /// Eight blocks' streams are advanced at once where the CPU runs AVX-512 (<see cref="Xoshiro256StarStar.FillBits8"/>), four
    /// elsewhere (<see cref="Xoshiro256StarStar.FillBits4"/>): each block's draws are its own stream's either way. A draw's 53 bits m are
    /// compared as integers with the table times 2^53 (u = m·2^-53 &gt; cdf[k] exactly when m &gt; ⌊cdf[k]·2^53⌋), and the
    /// guide entry is m's top 12 bits (⌊u·4096⌋): the counts of the double comparisons, without conversions.
    /// </summary>
    public void AddDriven(double[] exc, double[] driven, double weight, int from, int to)
    {
        if (from >= to) return;
        const int block = InitialPotentials.BlockSize;
        if ((uint)from > (uint)exc.Length || (uint)to > (uint)exc.Length || to > driven.Length) throw new ArgumentOutOfRangeException(nameof(to));
        var width = Xoshiro256StarStar.EightLanes ? 8 : 4;
        var bits = t_bits ??= new long[8 * block];
        var lanes = (t_lanes ??= new Xoshiro256StarStar[8]).AsSpan(0, width);
        Span<int> starts = stackalloc int[8];
        var counts = (stackalloc int[8])[..width];
        for (var start = from; start < to;)
        {
            var n = 0;
            for (; n < width && start < to; n++)
            {
                var end = Math.Min(to, (start / block + 1) * block);
                (lanes[n], starts[n], counts[n]) = (_streams[start / block], start, end - start);
                start = end;
            }
            // Fewer blocks left than lanes: the other lanes draw nothing (a spare stream keeps their state).
            for (var l = n; l < width; l++) (lanes[l], counts[l]) = (t_spare ??= new Xoshiro256StarStar(1), 0);
            if (width == 8) Xoshiro256StarStar.FillBits8(lanes, counts, bits, block);
            else Xoshiro256StarStar.FillBits4(lanes, counts, bits, block);
            for (var l = 0; l < n; l++) AddCounts(bits.AsSpan(l * block, counts[l]), exc, driven, weight, starts[l]);
        }
    }

    [ThreadStatic] private static long[]? t_bits;
    [ThreadStatic] private static Xoshiro256StarStar[]? t_lanes;
    [ThreadStatic] private static Xoshiro256StarStar? t_spare;

    /// <summary>
    /// driven[start + i] = exc[start + i] + k · weight, k the count of draw <paramref name="draws"/>[i]. Four at a time:
    /// k = the number of the table's first eight entries below the draw (as 64-bit comparisons; a count needs the rest of the
    /// table only when the draw is above the eighth, then the guide search finishes those four), made a double exactly as
    /// 2^52 + k − 2^52, then the same product and sum as one at a time.
    /// </summary>
    private void AddCounts(ReadOnlySpan<long> draws, double[] exc, double[] driven, double weight, int start)
    {
        ref var input = ref MemoryMarshal.GetArrayDataReference(exc);
        ref var output = ref MemoryMarshal.GetArrayDataReference(driven);
        var i = 0;
        if (Avx2.IsSupported && draws.Length >= 4)
        {
            var h = _heads;
            var (h0, h1, h2, h3, h4, h5, h6, h7) = (Vector256.Create(h[0]), Vector256.Create(h[1]), Vector256.Create(h[2]), Vector256.Create(h[3]),
                Vector256.Create(h[4]), Vector256.Create(h[5]), Vector256.Create(h[6]), Vector256.Create(h[7]));
            var beyond = Vector256.Create(_beyondHeads);
            var magic = Vector256.Create(0x4330000000000000L);
            var two52 = Vector256.Create(4503599627370496.0);
            var w = Vector256.Create(weight);
            ref var m0 = ref MemoryMarshal.GetReference(draws);
            for (; i <= draws.Length - 4; i += 4)
            {
                var m = Vector256.LoadUnsafe(ref m0, (nuint)i);
                if (Avx2.CompareGreaterThan(m, beyond) != Vector256<long>.Zero)
                {
                    for (var j = i; j < i + 4; j++) Unsafe.Add(ref output, start + j) = Unsafe.Add(ref input, start + j) + Count(draws[j]) * weight;
                    continue;
                }
                var k = Vector256<long>.Zero - Avx2.CompareGreaterThan(m, h0) - Avx2.CompareGreaterThan(m, h1) - Avx2.CompareGreaterThan(m, h2)
                    - Avx2.CompareGreaterThan(m, h3) - Avx2.CompareGreaterThan(m, h4) - Avx2.CompareGreaterThan(m, h5)
                    - Avx2.CompareGreaterThan(m, h6) - Avx2.CompareGreaterThan(m, h7);
                var counts = (k + magic).AsDouble() - two52;
                var e = Vector256.LoadUnsafe(ref input, (nuint)(start + i));
                (e + counts * w).StoreUnsafe(ref output, (nuint)(start + i));
            }
        }
        for (; i < draws.Length; i++) Unsafe.Add(ref output, start + i) = Unsafe.Add(ref input, start + i) + Count(draws[i]) * weight;
    }

    /// <summary>The count of one draw's 53 bits m: the guide entry of its top bits, then up the table while an entry is below m.</summary>
    private int Count(long m)
    {
        var scaled = _scaledCdf;
        var last = scaled.Length - 1;
        var k = _guide[(int)(m >>> (53 - GuideBits))];
        while (k < last && scaled[k] < m) k++;
        return k;
    }

    public void Reset()
    {
        for (var b = 0; b < _streams.Length; b++) _streams[b] = new Xoshiro256StarStar(_initial[b]);
    }

    public ulong[][] GetState() => _streams.Select(s => s.GetState()).ToArray();

    public void SetState(ulong[][] states)
    {
        if (states.Length != _streams.Length) throw new ArgumentException($"the drive has {_streams.Length} streams, got {states.Length}");
        for (var b = 0; b < states.Length; b++) _streams[b] = new Xoshiro256StarStar(states[b]);
    }
}
