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
            n.Step(new float[n.DriveLength], spikes);
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
        n.Step(DpiHarness.Drive(n, SynapseType.FastExc, 2, 0), []);
        // float32 state: one rounding of 2 × 0.003 (≤ 6·10⁻⁸ relative), then 200 products with the rounded
        // factor e^{−dt/τ} (each ≤ 6·10⁻⁸ relative, and the factor's own rounding raised to the 200th): ≤ 3·10⁻⁵ relative
        Assert.Equal(0.006, n.Read("i_syn_exc")[0], 0.006 * 1e-7);
        for (var s = 0; s < 200; s++) n.Step(new float[n.DriveLength], []);
        var expected = 0.006 * Math.Exp(-200 * 1e-4 / 0.02);
        Assert.Equal(expected, n.Read("i_syn_exc")[0], expected * 3e-5);
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
            for (var s = 0; s < 10000; s++) n.Step(new float[n.DriveLength], spikes);
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
            n.Step(new float[n.DriveLength], spikes);
            if (spikes.Count > 0) times.Add(s);
        }
        Assert.True(times[2] - times[1] < times[6] - times[5]);
    }

    [Fact]
    public void A_neuron_in_a_partly_filled_vector_follows_the_same_update_and_padding_lanes_never_spike()
    {
        var p = new VirtualDynapseParameters().With("bias", [0.012]).With("spike_adapt", [0.001]);
        var n = new AdExNeurons(1e-4, p, Enumerable.Repeat(0, 9).ToList(), Enumerable.Repeat(false, 9).ToList(),
            Enumerable.Range(0, 9).Select(_ => Enumerable.Repeat(1.0, AdExNeurons.MismatchParameters).ToArray()).ToList());
        var spikes = new List<int>();
        var drive = new float[n.DriveLength];
        for (var s = 0; s < 3000; s++)
        {
            DpiHarness.Set(n, drive, SynapseType.FastExc, s % 50 == 0 ? 1 : 0, 0, 8); // neuron 0 (full vector) and 8 (alone with 7 padding lanes) alike
            n.Step(drive, spikes);
            var v = n.Read("v_mem");
            Assert.Equal(v[0], v[8]);
        }
        Assert.All(spikes, k => Assert.InRange(k, 0, 8));
        Assert.Equal(spikes.Count(k => k == 0), spikes.Count(k => k == 8));
        Assert.True(spikes.Count(k => k == 0) > 5);
    }
}
