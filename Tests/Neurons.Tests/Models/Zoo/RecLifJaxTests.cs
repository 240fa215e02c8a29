using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class RecLifJaxTests
{
    private const double Dt = 1e-3;

    [Fact]
    public void Membrane_follows_the_discrete_charging_curve_from_the_bias()
    {
        // α = dt/τ_mem = 0.05; with constant I the Euler update gives V_k = c + (V_0 − c)(1 − α)^k, c = I + b, V_0 = b.
        var lif = (RecLifJax)Make("RecLIFCurrentInJax", 1, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.02, "tau_syn": 0.05, "bias": -1.0}""");
        Assert.Equal(-1.0, lif.VMem[0]);
        const double c = 0.4 - 1.0;
        for (var k = 1; k <= 300; k++)
        {
            Assert.Empty(Step(lif, k - 1, [0.4]));
            Assert.Equal(c + (-1.0 - c) * Math.Pow(0.95, k), lif.VMem[0], 12);
        }
    }

    [Fact]
    public void First_spike_comes_when_the_charging_curve_crosses_zero_and_resets_by_one_a_step_later()
    {
        var lif = (RecLifJax)Make("RecLIFCurrentInJax", 1, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.02, "tau_syn": 0.05, "bias": -1.0}""");
        // c = 0.5: V_k = 0.5 − 1.5·0.95^k ≥ 0 first at k* = ⌈ln(1/3)/ln 0.95⌉ updates, i.e. step k* − 1.
        var kStar = (int)Math.Ceiling(Math.Log(1.0 / 3) / Math.Log(0.95));
        var spikes = Run(lif, kStar + 1, _ => [[1.5]]);
        for (var k = 0; k < kStar - 1; k++) Assert.Empty(spikes[k]);
        Assert.Equal([0], spikes[kStar - 1]);
        // Next step: V ← V − 1, then the Euler update.
        var vSpike = 0.5 - 1.5 * Math.Pow(0.95, kStar);
        var expected = vSpike - 1 + 0.05 * (0.5 - (vSpike - 1));
        Assert.Equal(expected, lif.VMem[0], 12);
        Assert.Empty(spikes[kStar]);
    }

    [Fact]
    public void Several_spikes_in_one_step_are_floor_of_V_plus_one_and_all_are_subtracted()
    {
        var lif = (RecLifJax)Make("RecLIFCurrentInJax", 1, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.01, "tau_syn": 0.05, "bias": 2.45}""");
        // V starts at the bias 2.45 = c: it stays there, and ⌊3.45⌋ = 3 spikes.
        Assert.Equal([0, 0, 0], Step(lif, 0));
        Assert.Equal(3.0, lif.LastSpikes[0]);
        // Then V = 2.45 − 3 = −0.55, plus 0.1·(2.45 + 0.55) = −0.25: no spike.
        Assert.Empty(Step(lif, 1));
        Assert.Equal(-0.25, lif.VMem[0], 12);
    }

    [Fact]
    public void An_input_spike_enters_the_synapse_in_its_step_and_decays_exactly()
    {
        var lif = (RecLifJax)Make("RecLIFJax", 1, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.02, "tau_syn": 0.01, "bias": -1.0}""");
        Step(lif, 0, [1.0]);
        Assert.Equal(1.0, lif.ISyn[0], 15);
        for (var k = 1; k < 50; k++)
        {
            Step(lif, k, [0.0]);
            Assert.Equal(Math.Exp(-k * Dt / 0.01), lif.ISyn[0], 12);
        }
    }

    [Fact]
    public void Recurrent_spikes_reach_the_synapse_one_step_later_with_their_weight()
    {
        // Neuron 0 fires at step 0 (bias 2 → V = 2 → 3 spikes); w_rec[0, 1] = 0.5 adds 1.5 to I_syn of neuron 1 at step 1.
        var lif = (RecLifJax)Make("RecLIFJax", 2, Dt, """{"w_recurrent": [[0, 0.5], [0, 0]], "tau_mem": 0.02, "tau_syn": 0.02, "bias": [2.0, -1.0]}""");
        Assert.Equal([0, 0, 0], Step(lif, 0, [0.0, 0.0]));
        Assert.Equal(0.0, lif.ISyn[1]);
        Step(lif, 1, [0.0, 0.0]);
        Assert.Equal(1.5, lif.ISyn[1], 12);
    }

    [Fact]
    public void IO_form_weights_input_and_gives_the_sigmoid_surrogate_through_w_out()
    {
        var lif = (RecLifJax)Make("RecLIFCurrentInJax_IO", 0, Dt,
            """{"w_in": [[1, 0], [0, 2], [1, 1]], "w_recurrent": [[0, 0], [0, 0]], "w_out": [[1], [-0.5]], "tau_mem": 0.02, "tau_syn": 0.02, "bias": -1.0}""");
        Assert.Equal(1, lif.Size);
        Assert.Equal(3, lif.Ports[0].Width);
        Assert.Equal(SignalKind.Continuous, lif.OutputKind);
        var spikes = Step(lif, 0, [0.2, 0.1, 0.3]);
        Assert.Empty(spikes);
        // I = x·W_in = [0.5, 0.5]; V = −1 + 0.05·(0 + 0.5 − 1 + 1) = −0.975.
        var v = -1 + 0.05 * 0.5;
        Assert.Equal(v, lif.VMem[0], 12);
        var u = 1 / (1 + Math.Exp(-v));
        Assert.Equal(u - 0.5 * u, ((ILayerModel)lif).Output[0], 12);
    }

    [Fact]
    public void Time_constants_below_ten_steps_are_refused_as_Rockpool_asserts()
    {
        var e = Assert.Throws<ModelParameterException>(() => Make("RecLIFJax", 1, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.005, "tau_syn": 0.05}"""));
        Assert.Equal("tau_mem", e.Parameter);
        var s = Assert.Throws<ModelParameterException>(() => Make("RecLIFJax", 2, Dt, """{"w_recurrent": [[0]], "tau_mem": 0.05, "tau_syn": 0.05}"""));
        Assert.Equal("w_recurrent", s.Parameter);
    }

    [Fact]
    public void Evolve_changes_the_state_and_reset_restores_it()
    {
        var lif = (RecLifJax)Make("RecLIFJax", 3, Dt, """{"w_recurrent": [[0, 0.1, 0], [0, 0, 0.1], [0.1, 0, 0]], "tau_mem": 0.02, "tau_syn": 0.02, "bias": -0.5, "noise_std": 0.1}""");
        var before = lif.GetState("Vmem");
        Run(lif, 100, k => [[k % 3 == 0 ? 1 : 0, 0, 1]]);
        Assert.NotEqual(before, lif.GetState("Vmem"));
        lif.ResetState();
        Assert.Equal(before, lif.GetState("Vmem"));
        Assert.Equal(new double[3], lif.GetState("Isyn"));
    }
}
