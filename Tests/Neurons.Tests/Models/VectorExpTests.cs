using System.Runtime.Intrinsics;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// VectorExp.Exp is the runtime's Vector256.Exp inlined (alone or as an interleaved pair): on its fast path (every lane
/// |x| ≤ 708, the only case in a neuron step) the same bits as the runtime's for every argument tried (the iaf_cond_exp
/// step relies on it to give the three-pass step's bits), and e^x itself within a few ulps.
/// A vector with a lane beyond 708 (or NaN) is handed to the runtime's own Vector256.Exp; those are checked as values
/// (e^x, ∞, 0, NaN), not as bits against a second call of the runtime: on a machine with AVX-512 the runtime's
/// precompiled and re-jitted versions of Vector256.Exp may differ in such lanes, and the switch from one to the other can
/// fall between two calls (CI once failed there).
/// </summary>
public class VectorExpTests
{
    private const double Fast = 708.0;
    private const double SmallestNormal = 2.2250738585072014E-308;

    [Fact]
    public void Gives_the_bits_of_the_runtime_Vector256_Exp()
    {
        var rng = StreamSeed.Generator(11, "vector-exp", 0);
        var lanes = new double[4];
        var fastPairs = 0;
        for (var k = 0; k < 200_000; k++)
        {
            for (var l = 0; l < 4; l++)
                lanes[l] = (k % 4) switch
                {
                    0 => rng.NextUniform(-1.0, 0.0),         // the iaf_cond_exp range: −dt·g/τ_mem
                    1 => rng.NextUniform(-750.0, 750.0),     // the whole range, past both limits
                    2 => rng.NextUniform(-708.5, 708.5),     // around the fast path's limit
                    _ => rng.NextUniform(-1e-6, 1e-6),
                };
            var x = Vector256.Create(lanes);
            var y = Vector256.Shuffle(x, Vector256.Create(3L, 2, 1, 0)) * Vector256.Create(0.5);
            var (pairX, pairY) = VectorExp.Exp(x, y);
            if (OnFastPath(x) && OnFastPath(y)) fastPairs++;
            AssertRuntimeBits(x, VectorExp.Exp(x));
            AssertRuntimeBits(x, pairX);
            AssertRuntimeBits(y, pairY);
        }
        Assert.True(fastPairs > 150_000, $"only {fastPairs} pairs took the fast path");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-310)]
    [InlineData(708.0)]
    [InlineData(-708.0)]
    [InlineData(709.7)]
    [InlineData(-745.2)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    [InlineData(1e-300)]
    public void Gives_the_runtime_bits_at_the_edges(double edge)
    {
        var x = Vector256.Create(edge, -0.0, -0.25, edge);
        AssertRuntimeBits(x, VectorExp.Exp(x));
    }

    [Fact]
    public void Is_e_to_the_x_within_two_ulps()
    {
        var rng = StreamSeed.Generator(12, "vector-exp", 0);
        for (var k = 0; k < 20_000; k++)
        {
            var x = rng.NextUniform(-700.0, 700.0);
            var actual = VectorExp.Exp(Vector256.Create(x)).GetElement(0);
            var expected = Math.Exp(x);
            Assert.True(Math.Abs(actual - expected) <= 2 * Math.BitIncrement(expected) - 2 * expected, $"e^{x:R}: {actual:R} vs {expected:R}");
        }
    }

    private static bool OnFastPath(Vector256<double> x) => Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(Fast));

    /// <summary>On the fast path: the runtime's bits. Beyond it: e^x lane by lane (∞ above ln(MaxValue), NaN for NaN,
    /// within 2 ulps of Math.Exp, a subnormal result within the smallest normal number of it).</summary>
    private static void AssertRuntimeBits(Vector256<double> x, Vector256<double> actual)
    {
        if (OnFastPath(x))
        {
            var expected = Vector256.Exp(x);
            Assert.True(expected.AsUInt64() == actual.AsUInt64(), $"x = {x}: runtime {expected}, VectorExp {actual}");
            return;
        }
        for (var l = 0; l < 4; l++)
        {
            var (lane, value, exp) = (x.GetElement(l), actual.GetElement(l), Math.Exp(x.GetElement(l)));
            if (double.IsNaN(lane)) { Assert.True(double.IsNaN(value), $"e^NaN gave {value}"); continue; }
            if (value == exp) continue;
            var bound = exp < SmallestNormal ? SmallestNormal : 2 * (Math.BitIncrement(exp) - exp);
            Assert.True(Math.Abs(value - exp) <= bound, $"lane {l} of x = {x}: e^{lane:R} gave {value:R}, Math.Exp {exp:R}");
        }
    }
}
