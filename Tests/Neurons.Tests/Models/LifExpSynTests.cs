using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

public class LifExpSynTests
{
    private const double Dt = 1e-4;

    private static LifExpSyn Lif(params (string, object)[] extra)
    {
        var defaults = new List<(string, object)>
        {
            ("tau_mem", 0.02), ("tau_syn", 0.005), ("v_thresh", 1.0), ("v_reset", 0.0), ("v_rest", 0.0), ("refractory", 0.0),
        };
        foreach (var e in extra)
        {
            defaults.RemoveAll(d => d.Item1 == e.Item1);
            defaults.Add(e);
        }
        return new LifExpSyn(1, Dt, LayerParameters.From(defaults.ToArray()), new Xoshiro256StarStar(1));
    }

    private static double[][] NoInput() => [new double[1], new double[1]];

    [Fact]
    public void Membrane_follows_the_closed_form_charging_curve_for_a_constant_current()
    {
        // V(t) = v_rest + I·(1 − e^(−t/τ)) below threshold.
        const double current = 0.8;
        var lif = Lif(("bias", current));
        var spikes = new List<int>();
        for (var k = 0; k < 2000; k++)
        {
            lif.Step(k, NoInput(), spikes);
            var t = (k + 1) * Dt;
            Assert.Equal(current * (1 - Math.Exp(-t / 0.02)), lif.VMem[0], 12);
        }
        Assert.Empty(spikes);
    }

    [Theory]
    [InlineData(1.5, 0.0)]
    [InlineData(1.2, 0.002)]
    [InlineData(3.0, 0.005)]
    public void Interspike_interval_for_a_constant_current_is_tau_ln_within_one_step(double current, double refractory)
    {
        // From v_reset = 0 to v_thresh = 1: T = τ·ln(I/(I − θ)); then the neuron is held round(R/dt) steps.
        var lif = Lif(("bias", current), ("refractory", refractory));
        var spikeSteps = new List<long>();
        var spikes = new List<int>();
        for (var k = 0; k < 20000; k++)
        {
            spikes.Clear();
            lif.Step(k, NoInput(), spikes);
            if (spikes.Count > 0) spikeSteps.Add(k + 1);
        }
        var expected = 0.02 * Math.Log(current / (current - 1.0)) / Dt + Math.Round(refractory / Dt);
        Assert.True(spikeSteps.Count > 5);
        Assert.InRange(spikeSteps[0], expected - Math.Round(refractory / Dt) - 1, expected - Math.Round(refractory / Dt) + 1);
        for (var i = 1; i < spikeSteps.Count; i++)
            Assert.InRange(spikeSteps[i] - spikeSteps[i - 1], expected - 1, expected + 1);
    }

    [Fact]
    public void An_input_spike_gives_the_exact_exponential_synapse_response()
    {
        // One spike of weight w at step 0: V(t) = w·τs/(τs − τm)·(e^(−t/τs) − e^(−t/τm)).
        const double w = 0.5;
        var lif = Lif();
        var spikes = new List<int>();
        for (var k = 0; k < 1000; k++)
        {
            var input = NoInput();
            if (k == 0) input[0][0] = w;
            lif.Step(k, input, spikes);
            var t = (k + 1) * Dt;
            var expected = w * 0.005 / (0.005 - 0.02) * (Math.Exp(-t / 0.005) - Math.Exp(-t / 0.02));
            Assert.Equal(expected, lif.VMem[0], 12);
            Assert.Equal(w * Math.Exp(-t / 0.005), lif.ISyn[0], 12);
        }
    }

    [Fact]
    public void Equal_time_constants_use_the_limit_form()
    {
        const double w = 0.5;
        var lif = Lif(("tau_syn", 0.02));
        var spikes = new List<int>();
        var input = NoInput();
        input[0][0] = w;
        lif.Step(0, input, spikes);
        for (var k = 1; k < 500; k++) lif.Step(k, NoInput(), spikes);
        var t = 500 * Dt;
        Assert.Equal(w * t / 0.02 * Math.Exp(-t / 0.02), lif.VMem[0], 12);
    }

    [Fact]
    public void Refractory_period_holds_the_neuron_exactly_round_R_over_dt_steps()
    {
        var lif = Lif(("bias", 1000.0), ("refractory", 0.00123)); // round(12.3) = 12 steps
        var spikes = new List<int>();
        var spikeSteps = new List<long>();
        for (var k = 0; k < 200; k++)
        {
            spikes.Clear();
            lif.Step(k, NoInput(), spikes);
            if (spikes.Count > 0) spikeSteps.Add(k);
            else if (spikeSteps.Count > 0 && k - spikeSteps[^1] <= 12) Assert.Equal(0.0, lif.VMem[0]);
        }
        // A huge current crosses threshold in the first free step: spikes every 13 steps.
        Assert.All(spikeSteps.Zip(spikeSteps.Skip(1)), p => Assert.Equal(13, p.Second - p.First));
    }

    [Fact]
    public void Synaptic_current_keeps_decaying_during_refractoriness()
    {
        var lif = Lif(("refractory", 0.001));
        var spikes = new List<int>();
        var kick = NoInput();
        kick[0][0] = 1e4; // spikes at once
        lif.Step(0, kick, spikes);
        Assert.Single(spikes);
        var afterSpike = lif.ISyn[0];
        for (var k = 1; k <= 10; k++) lif.Step(k, NoInput(), spikes);
        Assert.Equal(afterSpike * Math.Exp(-10 * Dt / 0.005), lif.ISyn[0], 6);
    }

    [Fact]
    public void Reset_state_restores_the_drawn_initial_potentials()
    {
        var p = LayerParameters.From(("v_init", new[] { -0.07, -0.05 }));
        var lif = new LifExpSyn(50, Dt, p, new Xoshiro256StarStar(7));
        var initial = (double[])lif.VMem.Clone();
        Assert.All(initial, v => Assert.InRange(v, -0.07, -0.05));
        Assert.True(initial.Distinct().Count() > 40);
        lif.Step(0, [new double[50], new double[50]], new List<int>());
        lif.ResetState();
        Assert.Equal(initial, lif.VMem);
    }

    [Fact]
    public void A_normal_draw_without_a_mean_is_around_v_rest_as_Rockpool_starts_at_rest_never_around_0_V()
    {
        // v_init_std alone: around each neuron's v_rest (Rockpool's layers start from their rest state).
        var rests = Enumerable.Range(0, 2000).Select(j => j < 1000 ? -0.065 : -0.070).ToArray();
        var alone = new LifExpSyn(2000, Dt, LayerParameters.From(("v_rest", rests), ("v_init_std", 0.002)), _ => new Xoshiro256StarStar(3));
        Assert.InRange(alone.VMem.Take(1000).Average(), -0.0653, -0.0647);
        Assert.InRange(alone.VMem.Skip(1000).Average(), -0.0703, -0.0697);
        Assert.InRange(Std(alone.VMem.Take(1000)), 0.0018, 0.0022);
        // Beside a number v_init, around it; v_init_mean wins over both.
        var number = new LifExpSyn(1000, Dt, LayerParameters.From(("v_init", -0.06), ("v_init_std", 0.002)), _ => new Xoshiro256StarStar(3));
        Assert.InRange(number.VMem.Average(), -0.0603, -0.0597);
        var mean = new LifExpSyn(1000, Dt, LayerParameters.From(("v_init", -0.06), ("v_init_mean", -0.05), ("v_init_std", 0.002)), _ => new Xoshiro256StarStar(3));
        Assert.InRange(mean.VMem.Average(), -0.0503, -0.0497);
        // The same stream: only the centre moves.
        for (var j = 0; j < 1000; j++) Assert.Equal(number.VMem[j] + 0.01, mean.VMem[j], 12);
        // The draw travels in to_dict, so the rebuilt layer starts where this one did.
        Assert.Equal(alone.VMem, ModelCatalog.FromDict(alone.ToDict(), _ => new Xoshiro256StarStar(99)).GetState("v_mem"));
        var range = Assert.Throws<ModelParameterException>(() =>
            new LifExpSyn(3, Dt, LayerParameters.From(("v_init", new[] { -0.07, -0.05 }), ("v_init_std", 0.002)), new Xoshiro256StarStar(1)));
        Assert.Equal("v_init_std", range.Parameter);
    }

    private static double Std(IEnumerable<double> xs)
    {
        var list = xs.ToList();
        var m = list.Average();
        return Math.Sqrt(list.Sum(x => (x - m) * (x - m)) / (list.Count - 1));
    }

    [Fact]
    public void Bad_parameters_name_the_parameter()
    {
        var e = Assert.Throws<ModelParameterException>(() => Lif(("tau_mem", -1.0)));
        Assert.Equal("tau_mem", e.Parameter);
        var unknown = Assert.Throws<ModelParameterException>(() =>
            ModelCatalog.Create("LIF", 3, Dt, LayerParameters.From(("tau_m", 0.02)), _ => new Xoshiro256StarStar(1)));
        Assert.Contains("unknown parameter 'tau_m'", unknown.Message);
        Assert.Contains("tau_mem", unknown.Message);
    }
}
