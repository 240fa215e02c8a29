using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Neurons.Tests.Training.GradientCheck;

namespace EventSpike.Neurons.Tests.Training;

public class LayerGradientTests
{
    [Theory]
    [InlineData("tanh")]
    [InlineData("linear")]
    [InlineData("sigmoid")]
    public void Dense_gradients_match_finite_differences(string activation) =>
        Layer(new DenseLayer("d", 3, 4, activation, seed: 5), Gaussian(2, 3, 3, 1));

    [Fact]
    public void Lowpass_gradients_for_input_tau_and_initial_level_match_finite_differences()
    {
        var layer = new LowpassLayer("lp", 3, 0.05, new DtVariable(0.01), initialLevel: 0.3);
        layer.Tau.Value[1] = 0.02;
        Layer(layer, Gaussian(2, 12, 3, 2));
    }

    [Fact]
    public void Alpha_gradients_for_input_tau_and_initial_level_match_finite_differences()
    {
        var layer = new AlphaLayer("alpha", 2, 0.04, new DtVariable(0.01), initialLevel: -0.4);
        layer.Tau.Value[0] = 0.015;
        Layer(layer, Gaussian(2, 15, 2, 3));
    }

    [Fact]
    public void Temporal_average_gradients_match_finite_differences() => Layer(new TemporalAverageLayer("avg", 3), Gaussian(2, 5, 3, 4));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lif_backward_through_time_is_the_exact_gradient_with_a_smooth_spike_function(bool spikeInput)
    {
        // With S = σ(4V) in place of ⌊V + 1⌋ and σ' as the surrogate, the BPTT recursion must be the exact gradient.
        var layer = new LifLayer("lif", 3, new DtVariable(0.001), tauMem: 0.01, tauSyn: 0.02, spikeInput: spikeInput, bias: 0.2,
            recurrentWeights: [0.5, -1, 0.3, 0.2, 0, -0.7, 1.1, 0.4, -0.2])
        {
            Spike = (v => 1 / (1 + Math.Exp(-4 * v)), v => 4 * Math.Exp(-4 * v) / Math.Pow(1 + Math.Exp(-4 * v), 2)),
        };
        Layer(layer, Gaussian(2, 20, 3, 6, scale: 5));
    }

    [Fact]
    public void Lif_forward_spikes_subtract_and_the_surrogate_passes_gradient_above_minus_half()
    {
        var layer = new LifLayer("lif", 1, new DtVariable(0.001), tauMem: 0.01, tauSyn: 0.02);
        var x = new Sequence(1, 200, 1, Enumerable.Repeat(30.0, 200).ToArray());
        var s = layer.Forward(x, training: true);
        // Constant drive 30 with α = 0.1: V → 30 (between spikes V ← V − S); the rate is set by the drive.
        var spikes = s.Data.Sum();
        Assert.True(spikes > 100, $"{spikes} spikes");
        Assert.All(s.Data, v => Assert.Equal(Math.Floor(v), v));
        var g = layer.Backward(new Sequence(1, 200, 1, Enumerable.Repeat(1.0, 200).ToArray()));
        Assert.True(g.Data.Sum() > 0);
        var silent = new LifLayer("quiet", 1, new DtVariable(0.001), bias: -10).Forward(x.Zeros(), true);
        Assert.Equal(0, silent.Data.Sum());
    }

    [Theory]
    [InlineData(false, "RecLIFCurrentInJax")]
    [InlineData(true, "RecLIFJax")]
    public void Lif_forward_is_the_simulators_jax_lif_model(bool spikeInput, string type)
    {
        var layer = new LifLayer("lif", 3, new DtVariable(0.001), tauMem: 0.01, tauSyn: 0.02, spikeInput: spikeInput, bias: 0.2,
            recurrentWeights: [0, -2, 1, 1.5, 0, -1, 0.5, 2, 0]);
        var x = Gaussian(1, 300, 3, 12, scale: 20, offset: 10);
        var spikes = layer.Forward(x, training: false);
        var model = EventSpike.Neurons.Tests.Models.Zoo.Zoo.Make(type, 3, 0.001,
            """{"w_recurrent": [[0, -2, 1], [1.5, 0, -1], [0.5, 2, 0]], "tau_mem": 0.01, "tau_syn": 0.02, "bias": 0.2}""");
        var total = 0.0;
        for (var t = 0; t < 300; t++)
        {
            var emitted = EventSpike.Neurons.Tests.Models.Zoo.Zoo.Step(model, t, Enumerable.Range(0, 3).Select(j => x[0, t, j]).ToArray());
            for (var j = 0; j < 3; j++) Assert.Equal(emitted.Count(n => n == j), spikes[0, t, j]);
            total += emitted.Count;
        }
        Assert.True(total > 10, $"{total} spikes");
    }

    [Fact]
    public void Spiking_activation_forward_is_the_simulator_model_and_the_gradient_is_the_base_activations()
    {
        var dt = new DtVariable(0.001);
        var x = Gaussian(3, 40, 4, 8, scale: 300, offset: 100);
        var spiking = new SpikingActivationLayer("s", 4, dt, "relu", spikingAwareTraining: true, seed: 3);
        var rates = new SpikingActivationLayer("r", 4, dt, "relu", spikingAwareTraining: false, seed: 3);
        var ys = spiking.Forward(x, training: true);
        var yr = rates.Forward(x, training: true);
        for (var i = 0; i < x.Data.Length; i++) Assert.Equal(Math.Max(0, x.Data[i]), yr.Data[i]);
        Assert.NotEqual(yr.Data, ys.Data);
        // Conservation per unit and sample: |Σ out·dt − Σ relu(x)·dt| < 1.
        for (var b = 0; b < 3; b++)
            for (var j = 0; j < 4; j++)
            {
                double spikes = 0, rate = 0;
                for (var t = 0; t < 40; t++) (spikes, rate) = (spikes + ys[b, t, j] * 0.001, rate + yr[b, t, j] * 0.001);
                Assert.True(Math.Abs(spikes - rate) < 1, $"{spikes} vs {rate}");
            }
        // Same gradient on both paths: relu'(x)·g.
        var g = Gaussian(3, 40, 4, 9);
        Assert.Equal(spiking.Backward(g).Data, rates.Backward(g).Data);
        // The rate path's gradient is the exact one.
        Layer(new SpikingActivationLayer("t", 4, dt, "tanh", spikingAwareTraining: false), Gaussian(2, 3, 4, 10));
        // Inference always spikes, whatever spiking-aware training says.
        Assert.NotEqual(yr.Data, rates.Forward(x, training: false).Data);
    }

    [Fact]
    public void Filters_not_applied_during_training_are_the_identity_there_and_filter_at_inference()
    {
        var x = Gaussian(2, 10, 3, 11);
        foreach (ISequenceLayer layer in new ISequenceLayer[]
                 {
                     new LowpassLayer("lp", 3, 0.1, new DtVariable(0.001), applyDuringTraining: false),
                     new AlphaLayer("a", 3, 0.1, new DtVariable(0.001), applyDuringTraining: false),
                 })
        {
            Assert.Equal(x.Data, layer.Forward(x, training: true).Data);
            Assert.NotEqual(x.Data, layer.Forward(x, training: false).Data);
            Assert.Empty(layer.Parameters);
        }
        var applied = new LowpassLayer("lp", 3, 0.1, new DtVariable(0.001));
        Assert.Equal(applied.Forward(x, true).Data, applied.Forward(x, false).Data);
    }
}
