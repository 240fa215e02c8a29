using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class ConverterTests
{
    [Fact]
    public void PassThroughEvents_routes_exactly_as_Rockpool_test_snn()
    {
        // Rockpool's test: events at 0.1, 0.2, 0.7, 0.8, 0.9 s on channels 1, 2, 0, 1, 1; W = [[0,2],[1,1],[0,0]].
        var layer = Make("PassThroughEvents", 0, 0.1, """{"weights": [[0, 2], [1, 1], [0, 0]]}""");
        Assert.Equal(2, layer.Size);
        var events = new Dictionary<int, int> { [1] = 1, [2] = 2, [7] = 0, [8] = 1, [9] = 1 };
        var output = Run(layer, 10, k =>
        {
            var x = new double[3];
            if (events.TryGetValue(k, out var ch)) x[ch] = 1;
            return [x];
        }).SelectMany(s => s).ToList();
        Assert.Equal([0, 1, 1, 1, 0, 1, 0, 1], output);
    }

    [Fact]
    public void PassThroughEvents_repeats_for_several_events_in_a_step_and_refuses_fractional_weights()
    {
        var layer = Make("PassThroughEvents", 0, 1e-3, """{"weights": [[0, 2], [1, 1]]}""");
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 1, 1], Step(layer, 0, [2.0, 3.0]));
        Assert.Throws<ModelParameterException>(() => Make("PassThroughEvents", 0, 1e-3, """{"weights": [[0.5]]}"""));
    }

    [Fact]
    public void FFExpSyn_output_is_the_exact_exponential_synapse_response_plus_bias()
    {
        const double dt = 1e-4, tau = 0.005;
        var syn = Make("FFExpSyn", 0, dt, """{"weights": [[0.5, -1.0]], "bias": [0.1, 0.0], "tau_syn": 0.005}""");
        Assert.Equal(SignalKind.Continuous, syn.OutputKind);
        Step(syn, 0, [1.0]);
        Assert.Equal(0.6, syn.Output[0], 15);
        Assert.Equal(-1.0, syn.Output[1], 15);
        for (var k = 1; k < 300; k++)
        {
            Step(syn, k, [0.0]);
            Assert.Equal(0.1 + 0.5 * Math.Exp(-k * dt / tau), syn.Output[0], 12);
            Assert.Equal(-Math.Exp(-k * dt / tau), syn.Output[1], 12);
        }
    }

    [Fact]
    public void FFExpSyn_integer_weights_mean_identity_and_add_events_false_counts_one_event()
    {
        var syn = (FFExpSyn)Make("FFExpSynTorch", 0, 1e-4, """{"weights": 3, "add_events": false}""");
        Assert.Equal(3, syn.Size);
        Step(syn, 0, [3.0, 0.0, 1.0]);
        Assert.Equal([1.0, 0.0, 1.0], syn.ISyn);
        Assert.Equal(3, syn.ToDict()["weights"]!.GetValue<int>());
    }

    [Fact]
    public void PassThrough_weights_biases_and_delays_by_round_delay_over_dt_steps()
    {
        var pt = Make("PassThrough", 0, 0.01, """{"weights": [[2.0], [1.0]], "bias": 0.5, "delay": 0.031}""");
        for (var k = 0; k < 10; k++)
        {
            Step(pt, k, [k, 1.0]);
            var expected = k < 3 ? 0.0 : 2.0 * (k - 3) + 1.0 + 0.5;
            Assert.Equal(expected, pt.Output[0], 14);
        }
        pt.ResetState();
        Assert.Equal(new double[3], pt.GetState("buffer"));
        var direct = Make("PassThrough", 0, 0.01, """{"weights": [[2.0], [1.0]]}""");
        Step(direct, 0, [1.0, 1.0]);
        Assert.Equal(3.0, direct.Output[0]);
    }
}
