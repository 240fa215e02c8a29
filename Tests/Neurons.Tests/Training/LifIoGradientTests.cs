using EventSpike.Neurons.Models;
using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Neurons.Tests.Training.GradientCheck;

namespace EventSpike.Neurons.Tests.Training;

/// <summary>RecLIFJax_IO / RecLIFCurrentInJax_IO in the gradient layer set: own w_in and w_out trainable.</summary>
public class LifIoGradientTests
{
    private static readonly double[] WIn = [1.5, -0.5, 0.8, 0.3, 1.2, -0.4];      // 2×3
    private static readonly double[] WRec = [0, -2, 1, 1.5, 0, -1, 0.5, 2, 0];     // 3×3
    private static readonly double[] WOut = [0.7, -0.2, -1.1, 0.4, 0.3, 0.9];      // 3×2

    private static LifIoLayer Layer(bool spikeInput, double[] recurrent) =>
        new(new LifLayer("lif", 3, new DtVariable(0.001), tauMem: 0.01, tauSyn: 0.02, spikeInput: spikeInput, bias: 0.2, recurrentWeights: recurrent), 2, WIn, 2, WOut);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Io_gradients_for_w_in_w_out_bias_and_w_rec_match_finite_differences_with_a_smooth_spike_function(bool spikeInput)
    {
        var layer = Layer(spikeInput, [0.5, -1, 0.3, 0.2, 0, -0.7, 1.1, 0.4, -0.2]);
        layer.Lif.Spike = (v => 1 / (1 + Math.Exp(-4 * v)), v => 4 * Math.Exp(-4 * v) / Math.Pow(1 + Math.Exp(-4 * v), 2));
        Assert.Equal(["w_in", "w_out", "bias", "w_recurrent"], layer.Parameters.Select(p => p.Name));
        GradientCheck.Layer(layer, Gaussian(2, 20, 2, 6, scale: 5));
    }

    [Theory]
    [InlineData(false, "RecLIFCurrentInJax_IO")]
    [InlineData(true, "RecLIFJax_IO")]
    public void Io_forward_is_the_simulators_jax_lif_io_model(bool spikeInput, string type)
    {
        var layer = Layer(spikeInput, WRec);
        var x = Gaussian(1, 300, 2, 12, scale: 20, offset: 10);
        var y = layer.Forward(x, training: false);
        var model = EventSpike.Neurons.Tests.Models.Zoo.Zoo.Make(type, 0, 0.001,
            """{"w_in": [[1.5, -0.5, 0.8], [0.3, 1.2, -0.4]], "w_recurrent": [[0, -2, 1], [1.5, 0, -1], [0.5, 2, 0]], "w_out": [[0.7, -0.2], [-1.1, 0.4], [0.3, 0.9]], "tau_mem": 0.01, "tau_syn": 0.02, "bias": 0.2}""");
        var spikes = 0.0;
        for (var t = 0; t < 300; t++)
        {
            EventSpike.Neurons.Tests.Models.Zoo.Zoo.Step(model, t, [x[0, t, 0], x[0, t, 1]]);
            for (var o = 0; o < 2; o++) Assert.Equal(model.Output[o], y[0, t, o], 12);
            spikes += Enumerable.Range(0, 3).Sum(j => ((EventSpike.Neurons.Models.Zoo.RecLifJax)model).LastSpikes[j]);
        }
        Assert.True(spikes > 10, $"{spikes} spikes");
    }
}
