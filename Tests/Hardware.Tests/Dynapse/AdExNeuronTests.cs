using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>VirtualDynapse's AdEx neurons against closed forms of their discrete update.</summary>
public class AdExNeuronTests
{
    private static AdExNeurons Make(VirtualDynapseParameters p, double dt = 1e-4) =>
        new(dt, p, [0], [false], [Enumerable.Repeat(1.0, AdExNeurons.MismatchParameters).ToArray()]);

    [Theory]
    [InlineData(0.02, 0.011)]
    [InlineData(0.02, 0.03)]
    [InlineData(0.05, 0.015)]
    public void Without_the_exponential_term_the_ISI_is_the_Euler_closed_form_plus_refractoriness(double bias, double tauMem)
    {
        var p = new VirtualDynapseParameters().With("bias", [bias]).With("delta_t", [0]).With("tau_mem_1", [tauMem]);
        const double dt = 1e-4;
        var n = Make(p, dt);
        var times = new List<long>();
        var spikes = new List<int>();
        for (long s = 0; s < 5000; s++)
        {
            spikes.Clear();
            n.Step(new double[4], spikes);
            if (spikes.Count > 0) times.Add(s);
        }
        // V_k = b·(1 − (1 − dt/τ)^k): first k with V_k ≥ v_thresh
        var k = (long)Math.Ceiling(Math.Log(1 - 0.01 / bias) / Math.Log(1 - dt / tauMem));
        Assert.Equal(k - 1, times[0]);
        var refSteps = (long)Math.Ceiling(1e-3 / dt - 1e-9);
        Assert.Equal(k + refSteps, times[2] - times[1]);
    }

    [Fact]
    public void An_input_current_decays_with_tau_syn_and_jumps_by_count_times_baseweight()
    {
        var p = new VirtualDynapseParameters().With("tau_syn_exc", [0.02]).With("baseweight_e", [0.003]);
        var n = Make(p, 1e-4);
        n.Step(new double[] { 0, 0, 0, 2 }, []);
        var i = n.State["i_syn_exc"];
        Assert.Equal(0.006, i[0], 15);
        for (var s = 0; s < 200; s++) n.Step(new double[4], []);
        Assert.Equal(0.006 * Math.Exp(-200 * 1e-4 / 0.02), i[0], 12);
    }

    [Fact]
    public void The_exponential_term_makes_the_neuron_fire_below_the_LIF_threshold_drive()
    {
        var lif = new VirtualDynapseParameters().With("bias", [0.0099]).With("delta_t", [0]);
        var adex = lif.With("delta_t", [0.002]);
        Assert.Equal(0, Count(lif));
        Assert.True(Count(adex) > 0);

        int Count(VirtualDynapseParameters p)
        {
            var n = Make(p);
            var spikes = new List<int>();
            for (var s = 0; s < 10000; s++) n.Step(new double[4], spikes);
            return spikes.Count;
        }
    }

    [Fact]
    public void Spike_adaptation_lengthens_successive_ISIs()
    {
        var p = new VirtualDynapseParameters().With("bias", [0.03]).With("spike_adapt", [0.004]).With("tau_adapt", [0.1]);
        var n = Make(p);
        var times = new List<int>();
        var spikes = new List<int>();
        for (var s = 0; s < 5000; s++)
        {
            spikes.Clear();
            n.Step(new double[4], spikes);
            if (spikes.Count > 0) times.Add(s);
        }
        Assert.True(times[2] - times[1] < times[6] - times[5]);
    }

    [Fact]
    public void The_four_wide_update_and_the_scalar_tail_agree_to_rounding()
    {
        var p = new VirtualDynapseParameters().With("bias", [0.012]).With("spike_adapt", [0.001]);
        var n = new AdExNeurons(1e-4, p, [0, 0, 0, 0, 0], [false, false, false, false, false],
            Enumerable.Range(0, 5).Select(_ => Enumerable.Repeat(1.0, AdExNeurons.MismatchParameters).ToArray()).ToList());
        var spikes = new List<int>();
        var drive = new double[20];
        for (var s = 0; s < 3000; s++)
        {
            drive[3 * 5 + 0] = drive[3 * 5 + 4] = s % 50 == 0 ? 1 : 0; // neuron 0 (vector lane) and 4 (scalar tail) alike
            n.Step(drive, spikes);
            Assert.Equal(n.State["v_mem"][0], n.State["v_mem"][4], 1e-12); // Vector256.Exp and Math.Exp may differ in the last bit
        }
        Assert.Equal(spikes.Count(k => k == 0), spikes.Count(k => k == 4));
        Assert.True(spikes.Count(k => k == 0) > 5);
    }
}
