using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// iaf_psc_delta's AVX2 step (eight neurons per iteration, the rest scalar) against its scalar loop: the same spikes and
/// state bit for bit, with and without the Poisson drive and the port "current", through threshold crossings
/// (V ≥ v_thresh, equality included) and refractory periods.
/// </summary>
public class IafPscDeltaVectorTests
{
    private const int Size = 1037; // 129 iterations of eight, then five scalar neurons

    private static IafPscDelta Layer(bool drive, int vectorBits) => new(Size, 1e-4, LayerParameters.From(
            ("tau_mem", 0.02), ("v_thresh", 0.02), ("v_reset", 0.0), ("refractory", 0.002), ("v_init", new[] { 0.0, 0.02 }),
            ("drive_rate", drive ? 20000.0 : 0.0), ("drive_weight", 0.0001)),
        b => StreamSeed.Generator(7, "layer:brunel", b)) { VectorBits = vectorBits };

    [SkippableTheory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void The_vector_step_gives_the_scalar_step_bit_for_bit(bool drive, bool withCurrent)
    {
        Skip.IfNot(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "this CPU does not run AVX2: the vector step is not taken here");
        var vector = Layer(drive, 256);
        var scalar = Layer(drive, 0);
        Assert.Equal(256, vector.VectorBits);
        Assert.Equal(0, scalar.VectorBits);
        var rng = StreamSeed.Generator(8, "inputs", 0);
        var noCurrent = ZeroRows.Create(Size);
        var spikesVector = new List<int>();
        var spikesScalar = new List<int>();
        var total = 0;
        var onThreshold = 0;
        for (var k = 0; k < 800; k++)
        {
            var jumps = new double[Size];
            var current = new double[Size];
            for (var j = 0; j < Size; j++)
            {
                if (rng.NextDouble() < 0.3) jumps[j] = 0.0005 * (1 + (int)(rng.NextDouble() * 4)) - (rng.NextDouble() < 0.3 ? 0.0025 : 0);
                current[j] = withCurrent ? 0.01 * rng.NextDouble() : 0;
            }
            // Neurons at rest (V = v_reset = 0 exactly, not held) given a jump of v_thresh: with no drive and no current,
            // V' = (0 + (0 − 0)·a + 0.02) + 0.0 = v_thresh exactly, which fires (V ≥ v_thresh) in both loops.
            for (var j = 0; j < Size; j++)
                if (scalar.VMem[j] == 0 && scalar.RefractoryLeft[j] == 0 && rng.NextDouble() < 0.5)
                {
                    jumps[j] = 0.02;
                    onThreshold++;
                }
            double[][] input = [jumps, withCurrent ? current : noCurrent];
            spikesVector.Clear();
            spikesScalar.Clear();
            vector.StepRange(k, input, spikesVector, 0, 515);
            vector.StepRange(k, input, spikesVector, 515, Size);
            scalar.StepRange(k, [jumps, current], spikesScalar, 0, Size);
            Assert.Equal(spikesScalar, spikesVector);
            total += spikesVector.Count;
        }
        Assert.True(total > 1000, $"only {total} spikes: the test must cross threshold and refractory often");
        Assert.True(onThreshold > 100, $"only {onThreshold} jumps onto the threshold from rest");
        foreach (var name in vector.StateNames) Assert.Equal(scalar.GetState(name), vector.GetState(name));
    }
}
