using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>
/// iaf_psc_exp's AVX2 step (eight, then four neurons per iteration) against its scalar loop (ranges of 1–3 neurons
/// take it only): the same spikes and state bit for bit, through threshold crossings and refractory periods.
/// </summary>
public class IafPscExpVectorTests
{
    private const int Size = 1037; // eight per iteration, then one vector of four, then five scalar neurons

    private static IafPscExp Layer() => new(Size, 1e-4, LayerParameters.From(
        ("v_init", new[] { -0.06, -0.05 }), ("bias", 0.002)), b => StreamSeed.Generator(5, "layer:cuba", b));

    [Fact]
    public void The_vector_step_gives_the_scalar_step_bit_for_bit()
    {
        var vector = Layer();
        var scalar = Layer();
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
            for (var from = 0; from < Size; from += 3) scalar.StepRange(k, input, spikesScalar, from, Math.Min(Size, from + 3));
            Assert.Equal(spikesScalar, spikesVector);
            total += spikesVector.Count;
        }
        Assert.True(total > 300, $"only {total} spikes: the test must cross threshold and refractory often");
        foreach (var name in vector.StateNames) Assert.Equal(scalar.GetState(name), vector.GetState(name));
    }
}
