using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class SpikingTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("linear")]
    [InlineData("leaky_relu")]
    [InlineData("sigmoid")]
    public void SpikingActivation_count_is_the_integrated_activation_within_one_spike(string activation)
    {
        const double dt = 1e-3;
        const int units = 40, steps = 2000;
        var act = Activation.ByName(activation, "activation");
        var split = Activation.CanBeNegative(activation);
        var layer = (SpikingActivation)Make("SpikingActivation", split ? 2 * units : units, dt, $$"""{"activation": "{{activation}}", "seed": 3}""");
        var v0 = (double[])layer.V.Clone();
        // Inputs span negative and positive values, varying in time.
        double X(int j, int k) => (j - units / 2) * 0.5 + 3 * Math.Sin(k * 0.01 + j);
        var counts = new double[units];
        var integral = new double[units];
        for (var k = 0; k < steps; k++)
        {
            var x = Enumerable.Range(0, units).Select(j => X(j, k) * 100).ToArray();
            foreach (var s in Step(layer, k, x)) counts[s % units] += s < units ? 1 : -1;
            for (var j = 0; j < units; j++) integral[j] += act(x[j]) * dt;
        }
        for (var j = 0; j < units; j++)
        {
            // Exact conservation: Σn = v0 − v_T + Σ r·dt, so |Σn − Σ r·dt| < 1.
            Assert.Equal(v0[j] - layer.V[j] + integral[j], counts[j], 6);
            Assert.InRange(counts[j] - Math.Floor(integral[j]), -1, 1);
        }
        if (split) Assert.Contains(counts, c => c <= -1);
    }

    [Fact]
    public void SpikingActivation_counts_a_huge_dt_times_rate_in_small_memory_and_refuses_to_list_it()
    {
        // 4 units at relu(1e6)·dt(1e3) = 1e9 spikes each: 16 GB as a list of indices, nothing as counts.
        var layer = (SpikingActivation)Make("SpikingActivation", 4, 1e3, """{"activation": "relu", "initial_state": [0, 0.25, 0.5, 0.999]}""");
        var counts = new double[4];
        var x = new[] { 1e6, 1e6, 2e6, 0 };
        layer.StepCounts(x, counts); // JIT and first-call costs out of the measurement
        layer.ResetState();
        var before = GC.GetAllocatedBytesForCurrentThread();
        layer.StepCounts(x, counts);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024, "counting allocated");
        Assert.Equal([1e9, 1e9, 2e9, 0], counts);
        Assert.Equal([0, 0.25, 0.5, 0.999], layer.V.Select(v => Math.Round(v, 6)));
        var e = Assert.Throws<InvalidOperationException>(() => layer.Step(1, [x], []));
        Assert.Contains("SpikingActivation: step 1 would emit 4,000,000,000 spikes", e.Message);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("linear")]
    public void SpikingActivation_counts_are_the_spikes_the_per_spike_loop_gave(string activation)
    {
        const double dt = 0.01;
        const int units = 6;
        var split = Activation.CanBeNegative(activation);
        var json = $$"""{"activation": "{{activation}}", "seed": 5}""";
        var events = (SpikingActivation)Make("SpikingActivation", split ? 2 * units : units, dt, json);
        var counting = (SpikingActivation)Make("SpikingActivation", split ? 2 * units : units, dt, json);
        var v = (double[])events.V.Clone();
        var act = Activation.ByName(activation, "activation");
        var counts = new double[units];
        for (var k = 0; k < 300; k++)
        {
            var x = Enumerable.Range(0, units).Select(j => (j - 2.5) * 400 * Math.Cos(0.05 * k + j)).ToArray();
            var spikes = Step(events, k, x);
            counting.StepCounts(x, counts);
            var expected = new List<int>(); // the loop before counts: one entry per spike, the negative channels after
            var negative = new List<int>();
            for (var j = 0; j < units; j++)
            {
                var w = v[j] + act(x[j]) * dt;
                var n = Math.Floor(w);
                v[j] = w - n;
                for (var c = 0; c < n; c++) expected.Add(j);
                for (var c = 0; c < -n && split; c++) negative.Add(units + j);
                Assert.Equal(n, counts[j]);
            }
            Assert.Equal(expected.Concat(negative), spikes);
        }
        Assert.Equal(events.V, counting.V);
    }

    [Fact]
    public void SpikingActivation_negative_rate_spikes_on_the_first_step_from_zero_and_goes_to_the_negative_channel()
    {
        var layer = Make("SpikingActivation", 2, 1e-3, """{"activation": "linear", "initial_state": 0}""");
        Assert.Equal([1], Step(layer, 0, [-10.0]));
        Assert.Equal(0.99, layer.GetState("v")[0], 12);
    }

    [Fact]
    public void SpikingActivation_seeded_initial_state_is_uniform_and_repeats()
    {
        var a = (SpikingActivation)Make("SpikingActivation", 500, 1e-3, """{"activation": "relu", "seed": 7}""");
        var b = (SpikingActivation)Make("SpikingActivation", 500, 1e-3, """{"activation": "relu", "seed": 7}""", seed: 99);
        var c = (SpikingActivation)Make("SpikingActivation", 500, 1e-3, """{"activation": "relu", "seed": 8}""");
        Assert.Equal(a.V, b.V);
        Assert.NotEqual(a.V, c.V);
        Assert.All(a.V, v => Assert.InRange(v, 0, 1));
        Assert.InRange(a.V.Average(), 0.45, 0.55);
        var v0 = (double[])a.V.Clone();
        Step(a, 0, Fill(500, 300.0));
        a.ResetState();
        Assert.Equal(v0, a.V);
        Assert.Equal("size", Assert.Throws<ModelParameterException>(() => Make("SpikingActivation", 3, 1e-3, """{"activation": "tanh"}""")).Parameter);
    }

    [Theory]
    [InlineData(0.1, 0.001)]
    [InlineData(0.1, 0.03)]
    [InlineData(0.005, 0.001)]
    public void Lowpass_impulse_response_matches_the_integral_of_exp_over_tau(double tau, double dt)
    {
        // A unit-area pulse (1/dt over step 0): y_k·dt = ∫ over [k·dt, (k+1)·dt] of e^(−t/τ)/τ.
        var lp = Make("Lowpass", 1, dt, $$"""{"tau": {{tau}}}""");
        var sum = 0.0;
        var steps = (int)Math.Ceiling(5 * tau / dt);
        for (var k = 0; k < steps; k++)
        {
            Step(lp, k, [k == 0 ? 1 / dt : 0.0]);
            var exact = Math.Exp(-k * dt / tau) - Math.Exp(-(k + 1) * dt / tau);
            Close(exact, lp.Output[0] * dt, 1e-6, $"step {k}");
            sum += lp.Output[0] * dt;
        }
        Close(1 - Math.Exp(-steps * dt / tau), sum, 1e-6, "sum");
    }

    [Theory]
    [InlineData(0.1, 0.001)]
    [InlineData(0.1, 0.03)]
    [InlineData(0.005, 0.001)]
    public void Alpha_impulse_and_step_responses_match_the_closed_forms(double tau, double dt)
    {
        // H(t) = ∫0..t s·e^(−s/τ)/τ² ds = 1 − (1 + t/τ)e^(−t/τ).
        double H(double t) => 1 - (1 + t / tau) * Math.Exp(-t / tau);
        var impulse = Make("Alpha", 1, dt, $$"""{"tau": {{tau}}}""");
        var stepResponse = Make("Alpha", 1, dt, $$"""{"tau": {{tau}}}""");
        var steps = (int)Math.Ceiling(8 * tau / dt);
        var sum = 0.0;
        for (var k = 0; k < steps; k++)
        {
            Step(impulse, k, [k == 0 ? 1 / dt : 0.0]);
            Close(H((k + 1) * dt) - H(k * dt), impulse.Output[0] * dt, 1e-6, $"impulse step {k}");
            sum += impulse.Output[0] * dt;
            Step(stepResponse, k, [1.0]);
            Close(H((k + 1) * dt), stepResponse.Output[0], 1e-6, $"unit step {k}");
        }
        Close(H(steps * dt), sum, 1e-6, "sum");
    }

    [Fact]
    public void Filters_start_from_initial_level_and_decay_without_input()
    {
        var lp = Make("Lowpass", 2, 0.001, """{"tau": [0.01, 0.02], "initial_level": [1.0, 2.0]}""");
        var alpha = Make("Alpha", 1, 0.001, """{"tau": 0.01, "initial_level": 1.0}""");
        for (var k = 1; k <= 20; k++)
        {
            Step(lp, k - 1, [0.0, 0.0]);
            Assert.Equal(Math.Exp(-k * 0.001 / 0.01), lp.Output[0], 12);
            Assert.Equal(2 * Math.Exp(-k * 0.001 / 0.02), lp.Output[1], 12);
            Step(alpha, k - 1, [0.0]);
            // Zero input from y = 1, p = 0: y(t) = (1 + t/τ)·e^(−t/τ).
            var t = k * 0.001 / 0.01;
            Assert.Equal((1 + t) * Math.Exp(-t), alpha.Output[0], 12);
        }
        Assert.Equal("tau", Assert.Throws<ModelParameterException>(() => Make("Lowpass", 1, 0.001, """{"tau": -1}""")).Parameter);
    }

    [Fact]
    public void TemporalAvgPool_output_is_the_running_mean()
    {
        var pool = Make("TemporalAvgPool", 2, 0.001, "{}");
        double[][] xs = [[1, 2], [3, -2], [5, 0], [-1, 4]];
        for (var k = 0; k < xs.Length; k++) Step(pool, k, xs[k]);
        Assert.Equal(2.0, pool.Output[0], 15);
        Assert.Equal(1.0, pool.Output[1], 15);
        Assert.Throws<ModelParameterException>(() => Make("TemporalAvgPool", 2, 0.001, """{"dim": 2}"""));
    }
}
