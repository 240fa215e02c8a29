using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class RateTests
{
    [Fact]
    public void FFRateEuler_relaxes_geometrically_to_the_gained_input_and_resets()
    {
        // x_k = g·I·W·(1 − (1 − α)^k), α = dt/τ = 0.1; output relu(x + b).
        var layer = (FFRateEuler)Make("FFRateEuler", 0, 0.01, """{"weights": [[2.0, -1.0]], "tau": 0.1, "gain": 1.5, "bias": 0.2}""");
        for (var k = 1; k <= 100; k++)
        {
            Step(layer, k - 1, [0.4]);
            var f = 1 - Math.Pow(0.9, k);
            Assert.Equal(1.5 * 0.8 * f, layer.X[0], 12);
            Assert.Equal(1.5 * 0.8 * f + 0.2, layer.Output[0], 12);
            Assert.Equal(Math.Max(0, -1.5 * 0.4 * f + 0.2), layer.Output[1], 12);
        }
        layer.ResetState();
        Assert.Equal(new double[2], layer.X);
    }

    [Fact]
    public void RecRateEuler_integrates_input_and_recurrent_activation()
    {
        // Two neurons, W = [[0, 0.5], [0, 0]], α = 0.1: x0 follows I(1 − 0.9^k); x1 is driven by 0.5·relu(x0 + b).
        var layer = (RecRateEuler)Make("RecRateEuler", 0, 0.1, """{"weights": [[0, 0.5], [0, 0]], "tau": 1.0}""");
        var x1 = 0.0;
        for (var k = 1; k <= 50; k++)
        {
            var x0Before = 2.0 * (1 - Math.Pow(0.9, k - 1));
            Step(layer, k - 1, [2.0, 0.0]);
            x1 += 0.1 * (-x1 + 0.5 * Math.Max(0, x0Before));
            Assert.Equal(2.0 * (1 - Math.Pow(0.9, k)), layer.X[0], 12);
            Assert.Equal(x1, layer.X[1], 12);
        }
    }

    [Fact]
    public void RecRateEuler_asserts_as_Rockpool()
    {
        Assert.Equal("weights", Assert.Throws<ModelParameterException>(() => Make("RecRateEuler", 0, 0.1, """{"weights": [[0, 1]]}""")).Parameter);
        Assert.Equal("dt", Assert.Throws<ModelParameterException>(() => Make("RecRateEuler", 0, 0.2, """{"weights": [[0]], "tau": 1.0}""")).Parameter);
        Assert.Equal("weights", Assert.Throws<ModelParameterException>(() => Make("FFRateEuler", 0, 0.1, """{"tau": 1.0}""")).Parameter);
    }

    [Fact]
    public void RecRateEulerJax_and_ForceRateEulerJax_follow_their_Euler_updates()
    {
        var rec = (RecRateEulerJax)Make("RecRateEulerJax", 0, 0.01,
            """{"w_in": [[1.0]], "w_recurrent": [[0.0]], "w_out": [[2.0, -1.0]], "tau": 0.1, "bias": 0.5, "activation_func": "H_tanh"}""");
        Assert.Equal(2, rec.Size);
        for (var k = 1; k <= 40; k++)
        {
            Step(rec, k - 1, [0.3]);
            var x = 0.8 * (1 - Math.Pow(0.9, k));
            Assert.Equal(x, rec.X[0], 12);
            Assert.Equal(2 * Math.Tanh(x), rec.Output[0], 12);
            Assert.Equal(-Math.Tanh(x), rec.Output[1], 12);
        }
        var force = (RecRateEulerJax)Make("ForceRateEulerJax", 0, 0.01, """{"w_in": [[1.0]], "w_out": [[1.0]], "tau": 0.1, "bias": 0}""");
        Assert.Equal(["input", "force"], force.Ports.Select(p => p.Name));
        Step(force, 0, [0.3], [0.7]);
        Assert.Equal(0.1, force.X[0], 14);
        Assert.Equal("tau", Assert.Throws<ModelParameterException>(() => Make("RecRateEulerJax", 0, 0.01, """{"w_in": [[1]], "w_recurrent": [[0]], "w_out": [[1]], "bias": 0}""")).Parameter);
    }
}
