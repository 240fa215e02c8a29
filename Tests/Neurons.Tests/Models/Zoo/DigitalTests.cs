using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class DigitalTests
{
    private static double[] Input(int k, Dictionary<int, int> events, int channels)
    {
        var x = new double[channels];
        if (events.TryGetValue(k, out var ch)) x[ch] = 1;
        return x;
    }

    private static List<(int Step, int Channel)> Spikes(List<List<int>> run) =>
        run.SelectMany((s, k) => s.Select(c => (k, c))).ToList();

    [Theory]
    [InlineData("5", 7, new[] { 5, 5, 6 }, new[] { 0, 0, 2 })]
    [InlineData("null", 8, new[] { 5, 6 }, new[] { 0, 2 })]
    public void FFCLIAF_matches_Rockpool_test_snn(string vSubtract, int steps, int[] spikeSteps, int[] channels)
    {
        // Rockpool: W = [[12,0,5],[0,0,0.4]], bias −0.05, θ = 5, dt = 0.1; events at 0.55 (ch 0), 0.7 and 0.8 (ch 1)
        // land in steps 5, 6 (0.7/0.1 floors to 6 in floating point) and 7; spikes stamped 0.6, 0.6, 0.7 (subtract) or 0.6, 0.7 (reset).
        var layer = (FFCLIAF)Make("FFCLIAF", 0, 0.1, $$"""{"weights": [[12, 0, 5], [0, 0, 0.4]], "bias": -0.05, "v_thresh": 5, "v_subtract": {{vSubtract}}, "monitor_id": true}""");
        var events = new Dictionary<int, int> { [5] = 0, [6] = 1, [7] = 1 };
        var spikes = Spikes(Run(layer, steps, k => [Input(k, events, 2)]));
        Assert.Equal(spikeSteps.Zip(channels).Select(p => (p.First, p.Second)), spikes);
        layer.ResetState();
        Assert.Equal(new double[3], layer.VMem);
        Assert.Equal("bias", Assert.Throws<ModelParameterException>(() => Make("FFCLIAF", 0, 0.1, """{"weights": [[1]], "bias": null}""")).Parameter);
    }

    [Fact]
    public void FFCLIAF_computes_in_float64_after_a_float32_start_as_Rockpool_does()
    {
        // 0 + 0.7 − 0.4 = 0.29999999999999993 in float64: below θ = 0.3, so no spike (Rockpool 1.0.7);
        // rounded to float32 it would be 0.3000000119 ≥ θ and spike.
        var layer = (FFCLIAF)Make("FFCLIAF", 0, 0.1, """{"weights": [[0.7]], "bias": -0.4, "v_thresh": 0.3, "v_subtract": null}""");
        var spikes = Spikes(Run(layer, 1, k => [Input(k, new Dictionary<int, int> { [0] = 0 }, 1)]));
        Assert.Empty(spikes);
        Assert.Equal(0.7 - 0.4, layer.VMem[0]);
        // The start is cast to float32: a v_reset of 0.1 starts at 0.10000000149011612.
        var cast = (FFCLIAF)Make("FFCLIAF", 0, 0.1, """{"weights": [[1]], "v_reset": 0.1}""");
        Assert.Equal((double)0.1f, cast.VMem[0]);
    }

    [Theory]
    [InlineData("5", 7, new[] { 5, 5, 6 }, new[] { 0, 0, 1 })]
    [InlineData("null", 7, new[] { 5 }, new[] { 0 })]
    public void RecCLIAF_matches_Rockpool_test_digital_reservoirs(string vSubtract, int steps, int[] spikeSteps, int[] channels)
    {
        // W_in = [[12,0,0],[0,0,10]], W_rec = [[0,3,0],[0,0,0],[0,0,0]], bias −0.05, θ = 5, dt = 0.1; event at 0.55 on ch 0.
        // Subtract: neuron 0 fires twice at step 5, whose 2·3 reach neuron 1 at step 6 → it fires (0.6, 0.6, 0.7).
        var layer = (RecCLIAF)Make("RecCLIAF", 0, 0.1,
            $$"""{"weights_in": [[12, 0, 0], [0, 0, 10]], "weights_rec": [[0, 3, 0], [0, 0, 0], [0, 0, 0]], "bias": -0.05, "v_thresh": 5, "v_subtract": {{vSubtract}}}""");
        var events = new Dictionary<int, int> { [5] = 0, [8] = 1 };
        var spikes = Spikes(Run(layer, steps, k => [Input(k, events, 2)]));
        Assert.Equal(spikeSteps.Zip(channels).Select(p => (p.First, p.Second)), spikes);
        layer.ResetState();
        Assert.Equal(new double[3], layer.VMem);
    }

    [Fact]
    public void RecCLIAF_constant_leak_decrements_by_the_bias_each_bias_period_and_integer_states_saturate()
    {
        var layer = (RecCLIAF)Make("RecCLIAF", 0, 0.001,
            """{"weights_in": [[100, -100]], "weights_rec": [[0, 0], [0, 0]], "bias": -1, "v_thresh": 1000, "tTauBias": 0.003, "state_type": "int8"}""");
        // Bias every 3rd step ((k + 1) % 3 == 0).
        for (var k = 0; k < 9; k++)
        {
            Step(layer, k, [0.0]);
            Assert.Equal(-((k + 1) / 3), layer.VMem[0]);
        }
        // int8 saturates at 127 and −128.
        for (var k = 9; k < 12; k++) Step(layer, k, [1.0]);
        Assert.Equal(127, layer.VMem[0]);
        Assert.Equal(-128, layer.VMem[1]);
    }

    [Fact]
    public void RecCLIAF_refractory_neurons_ignore_input_for_R_steps_and_delay_holds_recurrent_spikes()
    {
        var layer = (RecCLIAF)Make("RecCLIAF", 0, 0.001,
            """{"weights_in": [[10, 0]], "weights_rec": [[0, 1], [0, 0]], "v_thresh": 5, "v_subtract": 5, "refractory": 0.003, "delay": 0.004}""");
        var run = Run(layer, 12, _ => [[1.0]]);
        // Neuron 0 gets 10 per step; refractory: one spike, then held 3 steps, so it fires at 0, 4, 8.
        Assert.Equal([0, 4, 8], run.Select((s, k) => (s, k)).Where(x => x.s.Contains(0)).Select(x => x.k));
        // Its spikes of steps 0 and 4 reach neuron 1 at steps 4 and 8 (delay 4 steps); the one of step 8 is still queued.
        Assert.Equal(2.0, layer.GetState("v_mem")[1]);
        Assert.Equal(1.0, layer.GetState("queue")[0]); // oldest slot, neuron 0
    }

    [Fact]
    public void SoftMaxLayer_is_the_softmax_of_the_integrated_input()
    {
        var layer = Make("SoftMaxLayer", 0, 1.0, """{"weights": [[1, 0, 2], [0, 1, 0]]}""");
        Step(layer, 0, [1.0, 0.0]);
        Step(layer, 1, [1.0, 1.0]);
        // V = [2, 1, 4]
        var z = Math.Exp(2) + Math.Exp(1) + Math.Exp(4);
        Assert.Equal(Math.Exp(2) / z, layer.Output[0], 14);
        Assert.Equal(Math.Exp(4) / z, layer.Output[2], 14);
    }

    [Fact]
    public void FFUpDown_reconstructs_its_input_within_one_threshold()
    {
        const double dt = 1e-3, thr = 0.01;
        var layer = (FFUpDown)Make("FFUpDown", 0, dt, """{"weights": 2, "thr_up": 0.01, "thr_down": 0.01}""");
        Assert.Equal(4, layer.Size);
        var recon = new double[2];
        var first = true;
        for (var k = 0; k < 2000; k++)
        {
            double[] x = [Math.Sin(k * 0.01), 0.5 * Math.Cos(k * 0.003) + 0.2 * k * dt];
            if (first) { recon = (double[])x.Clone(); first = false; }
            foreach (var c in Step(layer, k, x))
                recon[c / 2] += c % 2 == 0 ? thr : -thr;
            for (var i = 0; i < 2; i++)
            {
                Assert.InRange(x[i] - layer.State[i], -thr, thr);
                Assert.Equal(layer.State[i], recon[i], 9);
            }
        }
        layer.ResetState();
        Assert.Equal(new double[2], layer.State);
    }

    [Fact]
    public void FFUpDown_deals_repeated_spikes_round_robin_over_its_channels()
    {
        var layer = Make("FFUpDown", 0, 1e-3, """{"weights": [1, 3], "repeat_output": 2, "thr_up": 0.1, "thr_down": 0.1}""");
        Assert.Equal(6, layer.Size);
        Step(layer, 0, [0.0]);
        // +0.25 → 2 up events, ×2 = 4, over up channels 0, 1, 2: 0, 1, 2, 0.
        Assert.Equal([0, 0, 1, 2], Step(layer, 1, [0.25]));
        // −0.25 from 0.2 → ⌊0.45/0.1⌋ = 4 down, ×2 = 8 over 3, 4, 5.
        Assert.Equal([3, 3, 3, 4, 4, 4, 5, 5], Step(layer, 2, [-0.25]));
    }
}

public class RecDiafTests
{
    private static List<(int Step, int Channel)> RunDiaf(string json, double dt, int steps, Dictionary<int, int> events, out RecDIAF layer)
    {
        layer = (RecDIAF)Make("RecDIAF", 0, dt, json);
        var run = Run(layer, steps, k =>
        {
            var x = new double[2];
            if (events.TryGetValue(k, out var ch)) x[ch] = 1;
            return [x];
        });
        return run.SelectMany((s, k) => s.Select(c => (k, c))).ToList();
    }

    private const string Weights = "\"weights_in\": [[16, 0, 0], [0, 0, 10]], \"weights_rec\": [[0, 5, 0], [0, 0, 0], [0, 0, 0]]";

    [Fact]
    public void Subtracting_variant_matches_Rockpool_test_digital_reservoirs()
    {
        // Event at 0.55 s on ch 0: neuron 0 fires at 0.55 and again at 0.56 (after its 10 ms refractory
        // period; not a third time because of the leak); both reach neuron 1 40 ms later, which fires at 0.6.
        // dt = 0.1 ms: the spike times fall in steps 5500, 5600 and 6000.
        var spikes = RunDiaf($$"""{{{Weights}}, "v_thresh": 5, "v_reset": 0, "v_subtract": 5, "delay": 0.04, "refractory": 0.01, "tau_leak": 0.2, "leak": 1}""",
            1e-4, 7000, new() { [5500] = 0 }, out var layer);
        Assert.Equal([(5500, 0), (5600, 0), (6000, 1)], spikes);
        layer.ResetState();
        Assert.Equal(new double[3], layer.VMem);
    }

    [Fact]
    public void Resetting_variant_matches_Rockpool_test_digital_reservoirs()
    {
        var spikes = RunDiaf($$"""{{{Weights}}, "v_thresh": 5, "v_reset": 0, "v_subtract": null, "delay": 0.04, "refractory": 0.01, "tau_leak": 0.2, "leak": 1}""",
            1e-4, 7000, new() { [5500] = 0 }, out _);
        Assert.Equal([(5500, 0)], spikes);
    }

    [Fact]
    public void With_v_rest_the_leak_returns_every_potential_to_rest()
    {
        // Rockpool's third case: W_in = [[16,0,−10],[0,90,0]], θ = 50, dt = 1 ms, leak 1 every 20 ms towards v_rest = 0.
        var layer = (RecDIAF)Make("RecDIAF", 0, 1e-3,
            """{"weights_in": [[16, 0, -10], [0, 90, 0]], "weights_rec": [[0, 5, 0], [7, 0, 0], [1, 0, -4]], "v_thresh": 50, "v_reset": 0, "v_subtract": null, "delay": 0.04, "refractory": 0.01, "tau_leak": 0.02, "leak": 1, "v_rest": 0}""");
        for (var k = 0; k < 900; k++)
        {
            var x = new double[2];
            if (k == 550) x[0] = 1;
            Step(layer, k, x);
            if (k == 551) Assert.Equal([16.0, 0.0, -10.0], layer.VMem);
        }
        Assert.Equal(new double[3], layer.VMem);
    }

    [Fact]
    public void Int8_state_saturates()
    {
        var layer = (RecDIAF)Make("RecDIAF", 0, 1e-3,
            """{"weights_in": [[100, -100]], "weights_rec": [[0, 0], [0, 0]], "v_thresh": 1000, "tau_leak": 100}""");
        Step(layer, 0, [2.0]);
        Assert.Equal([127.0, -128.0], layer.VMem);
    }
}
