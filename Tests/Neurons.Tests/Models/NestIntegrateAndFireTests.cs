using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>The three NEST-named integrate-and-fire models, through the interface the runtime uses.</summary>
public class NestIntegrateAndFireTests
{
    private static Func<int, Xoshiro256StarStar> Streams(string name) => b => StreamSeed.Generator(1, name, b);

    [Fact]
    public void Each_model_names_its_state_and_keeps_its_own_defaults()
    {
        ILayerModel exp = new IafPscExp(3, 1e-4, new LayerParameters(), Streams("e"));
        ILayerModel delta = new IafPscDelta(3, 1e-4, new LayerParameters(), Streams("d"));
        ILayerModel cond = new IafCondExp(3, 1e-4, new LayerParameters(), Streams("c"));
        Assert.Equal(["v_mem", "i_exc", "i_inh", "refractory_left"], exp.StateNames);
        Assert.Equal(["v_mem", "refractory_left"], delta.StateNames);
        Assert.Equal(["v_mem", "g_exc", "g_inh", "refractory_left"], cond.StateNames);
        Assert.Equal([-0.049, -0.049, -0.049], exp.GetState("v_mem"));
        Assert.Equal([0.0, 0.0, 0.0], delta.GetState("v_mem"));
        Assert.Equal([-0.06, -0.06, -0.06], cond.GetState("v_mem"));
        Assert.Equal((-0.05, -0.06, 0.005), (((IafPscExp)exp).VThresh, ((IafPscExp)exp).VReset, ((IafPscExp)exp).Refractory));
        Assert.Equal((0.02, 0.0, 0.002), (((IafPscDelta)delta).VThresh, ((IafPscDelta)delta).VReset, ((IafPscDelta)delta).Refractory));
        Assert.Contains("tau_mem must be > 0", Assert.Throws<ModelParameterException>(() =>
            new IafCondExp(3, 1e-4, LayerParameters.From(("tau_mem", -1.0)), Streams("c"))).Message);
    }

    [Fact]
    public void Iaf_psc_exp_relaxes_to_its_steady_state_in_closed_form_and_fires_above_threshold()
    {
        // V' = V∞ + (V − V∞)·e^(−dt/τ): after n steps V = V∞ + (V0 − V∞)·e^(−n·dt/τ).
        var model = new IafPscExp(1, 1e-4, LayerParameters.From(("v_rest", -0.07), ("v_thresh", 1.0), ("v_init", -0.06)), Streams("e"));
        ILayerModel m = model;
        var input = new[] { new double[1], new double[1], new[] { 0.005 } };
        var spikes = new List<int>();
        for (var n = 0; n < 200; n++) m.Step(n, input, spikes);
        Assert.Equal(-0.065 + (-0.06 + 0.065) * Math.Exp(-200 * 1e-4 / 0.02), m.GetState("v_mem")[0], 12);
        Assert.Empty(spikes);
        // A current that drives V∞ above threshold fires, resets, and holds for round(5 ms / 0.1 ms) steps.
        var firing = new IafPscExp(1, 1e-4, LayerParameters.From(("bias", 0.03)), Streams("f"));
        for (var n = 0; n < 2000 && spikes.Count == 0; n++) firing.Step(n, [new double[1], new double[1], new double[1]], spikes);
        Assert.Single(spikes);
        Assert.Equal(-0.06, firing.VMem[0]);
        Assert.Equal(50, firing.RefractoryLeft[0]);
    }

    [Fact]
    public void Iaf_psc_delta_jumps_by_the_weight_and_its_drive_streams_are_its_random_state()
    {
        ILayerModel m = new IafPscDelta(4, 1e-4, LayerParameters.From(("drive_rate", 8000.0), ("drive_weight", 0.0001)), Streams("d"));
        var state = m.GetRandomState();
        Assert.Single(state); // one stream per 1,024-neuron block
        var spikes = new List<int>();
        m.Step(0, [[0.001, 0, 0, 0], new double[4]], spikes);
        var first = m.GetState("v_mem");
        Assert.True(first[0] >= 0.001 - 1e-15);
        // Back to the start: the same draws again, bit for bit.
        m.ResetState();
        m.SetRandomState(state);
        m.Step(0, [[0.001, 0, 0, 0], new double[4]], spikes);
        Assert.Equal(first, m.GetState("v_mem"));
    }

    [Fact]
    public void Iaf_psc_delta_drive_jumps_are_the_one_at_a_time_counts_drawn_refractory_or_not()
    {
        // λ = 2 events per step; k ≥ 4 crosses the threshold, then the neuron is held 2 steps and still draws.
        const int size = 2100; // two whole blocks and a part
        const double w = 0.0001, tau = 0.01, dt = 1e-4;
        var p = LayerParameters.From(("drive_rate", 20000.0), ("drive_weight", w), ("v_thresh", 3.5 * w), ("tau_mem", tau), ("refractory", 2e-4));
        ILayerModel m = new IafPscDelta(size, dt, p, Streams("drive"));
        var reference = new PoissonDrive(size, 20000.0, dt, Streams("drive"));
        var (v, held, a) = (new double[size], new int[size], Math.Exp(-dt / tau));
        var fired = 0;
        for (var step = 0; step < 4; step++)
        {
            var spikes = new List<int>();
            m.Step(step, [new double[size], new double[size]], spikes);
            var expected = new List<int>();
            for (var j = 0; j < size; j++)
            {
                var k = reference.Draw(reference.Stream(j / InitialPotentials.BlockSize));
                if (held[j] > 0)
                {
                    (held[j], v[j]) = (held[j] - 1, 0.0);
                    continue;
                }
                v[j] = 0.0 + (v[j] - 0.0) * a + 0.0 + k * w;
                if (v[j] < 3.5 * w) continue;
                (v[j], held[j]) = (0.0, 2);
                expected.Add(j);
                fired++;
            }
            Assert.Equal(expected, spikes);
            Assert.Equal(v, m.GetState("v_mem"));
        }
        Assert.True(fired > 500, $"only {fired} spikes: the refractory path is hardly tried");
        Assert.Equal(reference.GetState(), m.GetRandomState());
    }

    [Fact]
    public void Iaf_cond_exp_without_conductance_is_a_leaky_membrane()
    {
        ILayerModel m = new IafCondExp(1, 1e-4, LayerParameters.From(("v_init", -0.05), ("v_thresh", 1.0)), Streams("c"));
        var spikes = new List<int>();
        for (var n = 0; n < 100; n++) m.Step(n, [new double[1], new double[1], new double[1]], spikes);
        Assert.Equal(-0.06 + 0.01 * Math.Exp(-100 * 1e-4 / 0.02), m.GetState("v_mem")[0], 12);
    }

    [Theory]
    [InlineData("iaf_psc_exp")]
    [InlineData("iaf_psc_alpha")]
    [InlineData("iaf_psc_delta")]
    [InlineData("iaf_cond_exp")]
    public void A_NEST_named_model_takes_one_number_per_parameter_and_refuses_a_list_naming_it(string type)
    {
        // docs/network-format.md says so: one population per parameter set, as nest.Create with scalar params.
        var e = Assert.Throws<ModelParameterException>(() =>
            ModelCatalog.Create(type, 3, 1e-4, LayerParameters.From(("v_thresh", new[] { -0.05, -0.05, -0.05 })), Streams("l")));
        Assert.Equal("v_thresh", e.Parameter);
        Assert.Contains("'v_thresh' must be a number", e.Message);
        // Its initial potentials: a draw without a mean is around v_rest, as for LIF.
        var drawn = ModelCatalog.Create(type, 1000, 1e-4, LayerParameters.From(("v_rest", -0.07), ("v_init_std", 0.001)), Streams("l")).GetState("v_mem");
        Assert.InRange(drawn.Average(), -0.0702, -0.0698);
    }
}
