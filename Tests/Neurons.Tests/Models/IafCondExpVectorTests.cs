using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// iaf_cond_exp's one-pass AVX2 step (whole ranges of ≥ 4 neurons) against its three-pass step (ranges of
/// 1–3 neurons take it) and against the documented scheme written out here with Math.Exp.
/// </summary>
public class IafCondExpVectorTests
{
    private const int Size = 1030; // not a multiple of four: the last vector overlaps the one before
    private const int Steps = 800;

    private static IafCondExp Layer() => new(Size, 1e-4, LayerParameters.From(
        ("v_init_mean", -0.065), ("v_init_std", 0.005), ("g_exc_init_mean", 4.0), ("g_exc_init_std", 1.5),
        ("g_inh_init_mean", 20.0), ("g_inh_init_std", 12.0), ("bias", 0.004)), b => StreamSeed.Generator(7, "layer:coba", b));

    /// <summary>Step k's inputs: sparse conductance jumps on both ports and a small current, from a fixed stream.</summary>
    private static double[][] Inputs(Xoshiro256StarStar rng)
    {
        var exc = new double[Size];
        var inh = new double[Size];
        var current = new double[Size];
        for (var j = 0; j < Size; j++)
        {
            if (rng.NextDouble() < 0.05) exc[j] = 0.6 * (1 + (int)(rng.NextDouble() * 3));
            if (rng.NextDouble() < 0.01) inh[j] = 6.7;
            current[j] = 0.01 * rng.NextDouble();
        }
        return [exc, inh, current];
    }

    [Fact]
    public void The_vector_step_gives_the_three_pass_step_bit_for_bit()
    {
        var vector = Layer();
        var passes = Layer();
        var rng = StreamSeed.Generator(3, "inputs", 0);
        var spikesVector = new List<int>();
        var spikesPasses = new List<int>();
        var total = 0;
        for (var k = 0; k < Steps; k++)
        {
            var input = Inputs(rng);
            spikesVector.Clear();
            spikesPasses.Clear();
            vector.StepRange(k, input, spikesVector, 0, Size);
            for (var from = 0; from < Size; from += 3) passes.StepRange(k, input, spikesPasses, from, Math.Min(Size, from + 3));
            Assert.Equal(spikesPasses, spikesVector);
            total += spikesVector.Count;
        }
        Assert.True(total > 200, $"only {total} spikes: the test must cross threshold and refractory often");
        foreach (var name in vector.StateNames) Assert.Equal(passes.GetState(name), vector.GetState(name));
    }

    [Fact]
    public void The_vector_step_follows_exponential_Euler_as_documented()
    {
        var model = Layer();
        var v = (double[])model.GetState("v_mem").Clone();
        var ge = (double[])model.GetState("g_exc").Clone();
        var gi = (double[])model.GetState("g_inh").Clone();
        var held = new int[Size];
        var rng = StreamSeed.Generator(3, "inputs", 0);
        var spikes = new List<int>();
        for (var k = 0; k < 200; k++)
        {
            var input = Inputs(rng);
            spikes.Clear();
            model.StepRange(k, input, spikes, 0, Size);
            var expected = new List<int>();
            for (var j = 0; j < Size; j++)
            {
                // τ_mem dV/dt = −(V − v_rest) + g_e(E_e − V) + g_i(E_i − V) + bias + I, g frozen over the step.
                var e = ge[j] + input[0][j];
                var i = gi[j] + input[1][j];
                ge[j] = e * Math.Exp(-1e-4 / 0.005);
                gi[j] = i * Math.Exp(-1e-4 / 0.01);
                if (held[j] > 0) { held[j]--; v[j] = -0.06; continue; }
                var g = 1 + e + i;
                var vInf = (-0.06 + 0.004 + input[2][j] + e * 0.0 + i * -0.08) / g;
                v[j] = vInf + (v[j] - vInf) * Math.Exp(-1e-4 / 0.02 * g);
                if (v[j] > -0.05) { expected.Add(j); v[j] = -0.06; held[j] = 50; }
            }
            Assert.Equal(expected, spikes);
            AssertClose(v, model.GetState("v_mem"), 1e-12);
            AssertClose(ge, model.GetState("g_exc"), 1e-12);
            AssertClose(gi, model.GetState("g_inh"), 1e-12);
            // Carry on from the model's own state: the reference follows it step by step, errors do not add up.
            Array.Copy(model.GetState("v_mem"), v, Size);
            Array.Copy(model.GetState("g_exc"), ge, Size);
            Array.Copy(model.GetState("g_inh"), gi, Size);
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        var j = 0;
        while (j < expected.Length && Math.Abs(expected[j] - actual[j]) <= relative * Math.Abs(expected[j])) j++;
        if (j < expected.Length) Assert.Fail($"neuron {j}: expected {expected[j]:R}, got {actual[j]:R}");
    }
}
