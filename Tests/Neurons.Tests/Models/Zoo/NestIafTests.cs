using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class NestIafTests
{
    private const double Dt = 1e-4;

    private static NestIaf Aeif(string extra) =>
        (NestIaf)Make("RecAEIFSpkInNest", 0, Dt, $$"""{"weights_in": [[0]], "weights_rec": [[0]]{{extra}}}""");

    private static List<int> SpikeSteps(NestIaf m, int steps, double input = 0)
    {
        var result = new List<int>();
        for (var k = 0; k < steps; k++)
            if (Step(m, k, [input]).Count > 0) result.Add(k);
        return result;
    }

    [Fact]
    public void Rockpool_and_NEST_defaults()
    {
        var m = Aeif("");
        Assert.Equal((4.0, 80.5, 0.002, 0.144, 1.0), (m.SubthreshAdapt![0], m.SpikeAdapt![0], m.DeltaT![0], m.TauAdapt![0], m.Conductance![0]));
        Assert.Equal((0.02, 0.05, -0.055, -0.065, -0.065, 0.001, 1e-4, 1e-4), (m.TauMem[0], m.TauSyn![0], m.VThresh[0], m.VReset[0], m.VRest[0], m.Refractory, m.DelayIn, m.DelayRec));
        Assert.Equal(10, m.Substeps);
        Assert.Equal(["v_mem", "i_syn_exc", "i_syn_inh", "w", "refractory_left"], m.StateNames);
        var ff = (NestIaf)Make("FFIAFNest", 0, Dt, """{"weights": [[1, 2]]}""");
        Assert.Equal((2, 1, 0.001, 0.0), (ff.Size, ff.Ports[0].Width, ff.Refractory, ff.Bias[0]));
    }

    // LIF closed form: g_L = 1 nS, I = 15 pA → I·R = 15 mV above rest; from rest the threshold (10 mV up)
    // is reached at t* = τ·ln(15/5) = 21.97 ms = step 219; refractory 1 ms = 10 steps after the spiking
    // step, then again from v_reset = v_rest: spikes at 219 + 230·i.
    private static readonly int[] LifSteps = Enumerable.Range(0, 8).Select(i => 219 + 230 * i).ToArray();

    [Fact]
    public void Without_exponential_term_and_adaptation_the_AEIF_neuron_is_the_closed_form_LIF()
    {
        var m = Aeif(""", "bias": 0.015, "delta_t": 0, "subthresh_adapt": 0, "spike_adapt": 0""");
        Assert.Equal(LifSteps, SpikeSteps(m, 1840));
        // Charging curve: V(t) = E_L + I·R·(1 − e^(−t/τ)) to RK4 accuracy.
        var fresh = Aeif(""", "bias": 0.015, "delta_t": 0, "subthresh_adapt": 0, "spike_adapt": 0""");
        for (var k = 1; k <= 200; k++)
        {
            Step(fresh, k - 1, [0.0]);
            Assert.Equal(-0.065 + 0.015 * (1 - Math.Exp(-k * Dt / 0.02)), fresh.VMem[0], 12);
        }
    }

    [Fact]
    public void A_vanishing_slope_factor_moves_the_spikes_by_at_most_a_step()
    {
        var m = Aeif(""", "bias": 0.015, "delta_t": 1e-8, "subthresh_adapt": 0, "spike_adapt": 0""");
        var steps = SpikeSteps(m, 1840);
        Assert.Equal(LifSteps.Length, steps.Count);
        foreach (var (lif, aeif) in LifSteps.Zip(steps)) Assert.InRange(aeif - lif, -1, 1);
    }

    [Fact]
    public void The_iaf_psc_exp_aliases_follow_the_same_LIF()
    {
        var ff = (NestIaf)Make("FFIAFNest", 0, Dt, """{"weights": [[2.0]]}""");
        Assert.Equal(LifSteps, SpikeSteps(ff, 1840, 0.0075)); // input 0.0075 × weight 2 nA = 15 pA
        var rec = (NestIaf)Make("RecIAFSpkInNest", 0, Dt, """{"weights_in": [[0]], "weights_rec": [[0]], "bias": 0.015}""");
        Assert.Equal(LifSteps, SpikeSteps(rec, 1840));
    }

    [Fact]
    public void Subthreshold_adaptation_settles_at_the_closed_form_fixed_point()
    {
        // dV = 0, dw = 0: V − E_L = I/(g_L + a) = 5 pA / 5 nS = 1 mV, w = a·(V − E_L) = 4 pA.
        var m = Aeif(""", "bias": 0.005, "delta_t": 0, "spike_adapt": 0""");
        Assert.Empty(SpikeSteps(m, 30000));
        Assert.Equal(-0.064, m.VMem[0], 9);
        Close(4e-12, m.W[0], 1e-6, "w");
    }

    [Fact]
    public void Each_spike_raises_w_by_b_which_then_decays_with_tau_w()
    {
        var m = Aeif(""", "bias": 0.015, "delta_t": 0, "subthresh_adapt": 0, "spike_adapt": 2, "refractory": 0.05""");
        const double b = 2e-12;
        var decay = Math.Exp(-Dt / 0.144);
        var spikes = new List<int>();
        double previous = 0;
        for (var k = 0; k < 3000; k++)
        {
            var fired = Step(m, k, [0.0]).Count > 0;
            if (fired)
            {
                spikes.Add(k);
                // The jump happened inside the step: b decayed for less than one step.
                var jump = m.W[0] - previous * decay;
                Assert.InRange(jump, b * decay - 1e-24, b + 1e-24);
            }
            else if (previous > 0) Close(previous * decay, m.W[0], 1e-9, "w decay");
            previous = m.W[0];
        }
        Assert.Equal(219, spikes[0]);
        Assert.True(spikes.Count >= 3);
        // Adaptation lengthens the interval beyond the unadapted 219 + 1 + 500 steps.
        Assert.True(spikes[1] - spikes[0] > 720, $"interval {spikes[1] - spikes[0]}");
    }

    [Fact]
    public void Input_spikes_jump_the_excitatory_or_inhibitory_current_and_recurrent_spikes_arrive_after_delay_rec()
    {
        var m = (NestIaf)Make("RecIAFSpkInNest", 0, Dt,
            """{"weights_in": [[2, -1]], "weights_rec": [[0, 3], [0, 0]], "tau_syn_exc": 0.01, "tau_syn_inh": 0.02, "delay_rec": 0.0003}""");
        Step(m, 0, [1.0]);
        Close(2e-9 * Math.Exp(-Dt / 0.01), m.ISynExc[0], 1e-12, "I_ex");
        Close(-1e-9 * Math.Exp(-Dt / 0.02), m.ISynInh[1], 1e-12, "I_in");
        Assert.Equal(0.0, m.ISynInh[0]);
        // Force neuron 0 to fire in step 1: its spike reaches neuron 1 at the start of step 1 + 3.
        m.SetState("v_mem", [-0.05, -0.065]);
        Assert.Equal([0], Step(m, 1, [0.0]));
        Step(m, 2, [0.0]);
        Step(m, 3, [0.0]);
        Assert.Equal(0.0, m.ISynExc[1]);
        Step(m, 4, [0.0]);
        Close(3e-9 * Math.Exp(-Dt / 0.01), m.ISynExc[1], 1e-12, "recurrent I_ex");
    }
}
