using System.Runtime.Intrinsics;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// VectorExp.Exp is the runtime's Vector256.Exp inlined (alone or as an interleaved pair): the same bits for every argument tried (the iaf_cond_exp
/// step relies on it to give the three-pass step's bits), and e^x itself within a few ulps.
/// </summary>
public class VectorExpTests
{
    [Fact]
    public void Gives_the_bits_of_the_runtime_Vector256_Exp()
    {
        var rng = StreamSeed.Generator(11, "vector-exp", 0);
        var lanes = new double[4];
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
            var expected = Vector256.Exp(x);
            var actual = VectorExp.Exp(x);
            Assert.True(expected.AsUInt64() == actual.AsUInt64(), $"x = {x}: runtime {expected}, VectorExp {actual}");
            var y = Vector256.Shuffle(x, Vector256.Create(3L, 2, 1, 0)) * Vector256.Create(0.5);
            var (pairX, pairY) = VectorExp.Exp(x, y);
            Assert.True(pairX.AsUInt64() == expected.AsUInt64() && pairY.AsUInt64() == Vector256.Exp(y).AsUInt64(), $"pair at x = {x}, y = {y}");
        }
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
        Assert.Equal(Vector256.Exp(x).AsUInt64(), VectorExp.Exp(x).AsUInt64());
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
}
