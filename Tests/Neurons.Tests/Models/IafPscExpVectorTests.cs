using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// iaf_psc_exp's vector steps (AVX-512: sixteen neurons per iteration, then AVX2: eight, the rest scalar) against its
/// scalar loop: the same spikes and state bit for bit, through threshold crossings and refractory periods.
/// </summary>
public class IafPscExpVectorTests
{
    private const int Size = 1037; // 64 iterations of sixteen, one of eight, then five scalar neurons

    private static IafPscExp Layer(int vectorBits = 512) => new(Size, 1e-4, LayerParameters.From(
        ("v_init", new[] { -0.06, -0.05 }), ("bias", 0.002)), b => StreamSeed.Generator(5, "layer:cuba", b)) { VectorBits = vectorBits };

    /// <summary>The widths the CPU runs, each said out loud where it does not (the test then compares the narrower one).</summary>
    private static void RequireWidth(int bits)
    {
        Skip.If(bits == 512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, "this CPU does not run AVX-512: the 512-bit step is not taken here");
        Skip.If(bits == 256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "this CPU does not run AVX2: the 256-bit step is not taken here");
    }

    [Fact]
    public void A_width_the_CPU_does_not_run_is_narrowed_and_zero_is_the_scalar_loop()
    {
        Assert.Equal(0, Layer(0).VectorBits);
        Assert.Equal(0, Layer(100).VectorBits);
        Assert.Equal(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256 : 0, Layer(256).VectorBits);
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512 : Layer(256).VectorBits, Layer(1024).VectorBits);
    }

    [SkippableTheory]
    [InlineData(512)]
    [InlineData(256)]
    public void The_vector_step_gives_the_scalar_step_bit_for_bit(int bits)
    {
        RequireWidth(bits);
        var vector = Layer(bits);
        var scalar = Layer(0);
        var rng = StreamSeed.Generator(4, "inputs", 0);
        var spikesVector = new List<int>();
        var spikesScalar = new List<int>();
        var total = 0;
        for (var k = 0; k < 600; k++)
        {
            var exc = new double[Size];
            var inh = new double[Size];
            var current = new double[Size];
            for (var j = 0; j < Size; j++)
            {
                if (rng.NextDouble() < 0.05) exc[j] = 0.00162 * (1 + (int)(rng.NextDouble() * 3));
                if (rng.NextDouble() < 0.01) inh[j] = -0.009;
                current[j] = 0.005 * rng.NextDouble();
            }
            double[][] input = [exc, inh, current];
            spikesVector.Clear();
            spikesScalar.Clear();
            vector.StepRange(k, input, spikesVector, 0, Size);
            scalar.StepRange(k, input, spikesScalar, 0, Size);
            Assert.Equal(spikesScalar, spikesVector);
            total += spikesVector.Count;
        }
        Assert.True(total > 300, $"only {total} spikes: the test must cross threshold and refractory often");
        foreach (var name in vector.StateNames) Assert.Equal(scalar.GetState(name), vector.GetState(name));
    }

    /// <summary>
    /// The port "current" fed by nothing: the engine passes a <see cref="ZeroRows"/> row, which the vector step does not
    /// read (V∞ = (v_rest + bias) + 0 once). Same bits as the scalar loop given an ordinary array of zeros, with the
    /// vector ranges starting off a multiple of eight (the spikes' bits are kept per range).
    /// </summary>
    [SkippableTheory]
    [InlineData(512)]
    [InlineData(256)]
    public void With_no_current_the_vector_step_gives_the_scalar_step_bit_for_bit(int bits)
    {
        RequireWidth(bits);
        var vector = Layer(bits);
        var scalar = Layer(0);
        var rng = StreamSeed.Generator(6, "inputs", 0);
        var noCurrent = ZeroRows.Create(Size);
        var zeros = new double[Size];
        var spikesVector = new List<int>();
        var spikesScalar = new List<int>();
        var total = 0;
        for (var k = 0; k < 600; k++)
        {
            var exc = new double[Size];
            var inh = new double[Size];
            for (var j = 0; j < Size; j++)
            {
                if (rng.NextDouble() < 0.08) exc[j] = 0.00162 * (1 + (int)(rng.NextDouble() * 3));
                if (rng.NextDouble() < 0.01) inh[j] = -0.009;
            }
            spikesVector.Clear();
            spikesScalar.Clear();
            vector.StepRange(k, [exc, inh, noCurrent], spikesVector, 0, 3);
            vector.StepRange(k, [exc, inh, noCurrent], spikesVector, 3, 517);   // 32 of sixteen, 2 scalar
            vector.StepRange(k, [exc, inh, noCurrent], spikesVector, 517, 530); // one of eight, 5 scalar
            vector.StepRange(k, [exc, inh, noCurrent], spikesVector, 530, Size);
            scalar.StepRange(k, [exc, inh, zeros], spikesScalar, 0, Size);
            Assert.Equal(spikesScalar, spikesVector);
            total += spikesVector.Count;
        }
        Assert.True(total > 300, $"only {total} spikes: the test must cross threshold and refractory often");
        foreach (var name in vector.StateNames) Assert.Equal(scalar.GetState(name), vector.GetState(name));
        Assert.All(noCurrent, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void Only_the_rows_ZeroRows_made_are_known_as_zero()
    {
        Assert.True(ZeroRows.IsZero(ZeroRows.Create(8)));
        Assert.False(ZeroRows.IsZero(new double[8]));
    }
}
