using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// Four blocks' streams are advanced at once (<see cref="Xoshiro256StarStar.FillBits4"/>); a draw's 53 bits m are
    /// compared as integers with the table times 2^53 (u = m·2^-53 &gt; cdf[k] exactly when m &gt; ⌊cdf[k]·2^53⌋), and the
    /// guide entry is m's top 12 bits (⌊u·4096⌋): the counts of the double comparisons, without conversions.
    /// </summary>
    public void AddDriven(double[] exc, double[] driven, double weight, int from, int to)
    {
        if (from >= to) return;
        const int block = InitialPotentials.BlockSize;
        if ((uint)from > (uint)exc.Length || (uint)to > (uint)exc.Length || to > driven.Length) throw new ArgumentOutOfRangeException(nameof(to));
        var bits = t_bits ??= new long[4 * block];
        var lanes = t_lanes ??= new Xoshiro256StarStar[4];
        Span<int> starts = stackalloc int[4];
        Span<int> counts = stackalloc int[4];
        for (var start = from; start < to;)
        {
            var n = 0;
            for (; n < 4 && start < to; n++)
            {
                var end = Math.Min(to, (start / block + 1) * block);
                (lanes[n], starts[n], counts[n]) = (_streams[start / block], start, end - start);
                start = end;
            }
            var common = n == 4 ? Math.Min(Math.Min(counts[0], counts[1]), Math.Min(counts[2], counts[3])) : 0;
            if (common > 0) Xoshiro256StarStar.FillBits4(lanes, bits, common);
            for (var l = 0; l < n; l++)
            {
                lanes[l].FillBits(bits, 4 * common + l, 4, counts[l] - common);
                AddCounts(bits, l, exc, driven, weight, starts[l], counts[l]);
            }
        }
    }

    [ThreadStatic] private static long[]? t_bits;
    [ThreadStatic] private static Xoshiro256StarStar[]? t_lanes;

    /// <summary>driven[start + i] = exc[start + i] + k · weight for the draws bits[4i + lane], i &lt; count.</summary>
    private void AddCounts(long[] bits, int lane, double[] exc, double[] driven, double weight, int start, int count)
    {
        ref var m = ref MemoryMarshal.GetArrayDataReference(bits);
        ref var guide = ref MemoryMarshal.GetArrayDataReference(_guide);
        ref var scaled = ref MemoryMarshal.GetArrayDataReference(_scaledCdf);
        ref var input = ref MemoryMarshal.GetArrayDataReference(exc);
        ref var output = ref MemoryMarshal.GetArrayDataReference(driven);
        var last = _scaledCdf.Length - 1;
        for (nint i = 0; i < count; i++)
        {
            var draw = Unsafe.Add(ref m, 4 * i + lane);
            var k = Unsafe.Add(ref guide, (nint)(draw >>> (53 - GuideBits)));
            while (k < last && Unsafe.Add(ref scaled, k) < draw) k++;
            Unsafe.Add(ref output, start + i) = Unsafe.Add(ref input, start + i) + k * weight;
        }
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
