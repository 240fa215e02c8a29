using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>The DPI neuron and synapses against the equations of dynapse.md §2 and the reference values of §5.9.</summary>
public class DpiNeuronTests
{
    [Theory] // dynapse.md §5.9.5: DynapSim v3.0.3 with its defaults (double leak subtraction), first spike and steady ISI
    [InlineData(50e-12, 106e-3, 107e-3)]
    [InlineData(100e-12, 67.2e-3, 68.2e-3)]
    [InlineData(1e-9, 22.3e-3, 23.3e-3)]
    [InlineData(10e-9, 8.3e-3, 9.3e-3)]
    [InlineData(100e-9, 2.45e-3, 3.45e-3)]
    public void With_Rockpool_parity_the_f_I_curve_is_DynapSim_s_reference_table(double idc, double first, double isi)
    {
        var t = DpiHarness.SpikeTimes(idc, 0.5, parity: true);
        Assert.True(t.Count >= 3, $"only {t.Count} spikes");
        Assert.InRange(t[0], first * 0.985, first * 1.015);
        Assert.InRange(t[2] - t[1], isi * 0.985, isi * 1.015);
    }

    [Fact]
    public void Without_parity_no_spike_below_the_rheobase_and_the_rate_rises_monotonically_up_to_one_over_t_ref()
    {
        Assert.Empty(DpiHarness.SpikeTimes(5e-12, 1.0)); // I_in − I_leak < 0: I_∞ at I₀
        double previous = 0;
        foreach (var idc in new[] { 20e-12, 50e-12, 100e-12, 1e-9, 10e-9, 100e-9, 1e-6 })
        {
            var rate = DpiHarness.SpikeTimes(idc, 0.5).Count / 0.5;
            Assert.True(rate > previous, $"rate at {idc} A is {rate} Hz, not above {previous} Hz");
            Assert.True(rate <= 1 / 1e-3, $"rate {rate} Hz beyond 1/t_ref");
            previous = rate;
        }
    }

    [Fact]
    public void A_steady_ISI_is_the_time_to_threshold_from_reset_plus_the_refractory_period_and_never_below_it()
    {
        foreach (var tRef in new[] { 1e-3, 5e-3 })
        {
            var p = new DpiCoreParameters { TRef = tRef };
            var t = DpiHarness.SpikeTimes(1e-6, 0.2, p: p);
            var isis = t.Zip(t.Skip(1), (a, b) => b - a).ToList();
            Assert.All(isis, i => Assert.True(i >= tRef, $"ISI {i} below t_ref {tRef}"));
            // after a reset the neuron starts from I₀ as at t = 0: ISI = first-spike time + t_ref (to one step)
            Assert.InRange(isis[3], t[0] + tRef - 1.5e-5, t[0] + tRef + 1.5e-5);
        }
    }

    [Fact]
    public void A_10_microsecond_step_and_a_1_microsecond_step_agree_within_one_percent()
    {
        var coarse = DpiHarness.SpikeTimes(1e-9, 0.1, dt: 1e-5);
        var fine = DpiHarness.SpikeTimes(1e-9, 0.1, dt: 1e-6);
        Assert.InRange(coarse[0] / fine[0], 0.99, 1.01);
    }

    [Theory]
    [InlineData(SynapseType.SlowInh)]
    [InlineData(SynapseType.FastInh)]
    [InlineData(SynapseType.SlowExc)]
    [InlineData(SynapseType.FastExc)]
    public void A_PSC_jumps_by_the_DPI_pulse_and_decays_with_C_UT_over_kappa_Itau(SynapseType type)
    {
        var p = new DpiCoreParameters();
        var t = (int)type;
        const double dt = 1e-5;
        var n = DpiHarness.Neurons(p, dt);
        double Isyn() => n.Read("i_syn")[t];
        var spikes = new List<int>();
        n.Step(DpiHarness.Drive(n, type, 1, 0), spikes);
        var drive = new float[n.DriveLength];
        var itau = DpiLayout.LeakCurrent(DpiLayout.CSyn[t], p.TauSyn[t]);
        var tau = DpiLayout.TimeConstant(DpiLayout.CSyn[t], itau);
        var jump = p.GainSynRatio[t] * p.Iw[t] * (1 - Math.Exp(-p.TPulse / tau));
        Assert.InRange(Isyn() - DpiLayout.I0 * Math.Exp(-dt / tau), jump * 0.999, jump * 1.001);
        var approx = p.GainSynRatio[t] * p.Iw[t] * p.TPulse / tau; // ≈ 1 nA at τ = 10 ms with the defaults (§5.9.2)
        Assert.InRange(jump, approx * 0.999, approx * 1.0001);
        var samples = new List<double> { Isyn() };
        var steps = (int)(tau / dt);
        for (var s = 0; s < steps; s++) { n.Step(drive, spikes); samples.Add(Isyn()); }
        var fitted = steps * dt / Math.Log(samples[0] / samples[^1]); // log-linear fit over one τ
        Assert.InRange(fitted, p.TauSyn[t] * 0.99, p.TauSyn[t] * 1.01);
        Assert.Equal(p.TauSyn[t], tau, 9);
    }

    [Fact]
    public void Two_matches_give_twice_the_jump_while_the_current_is_far_above_the_gain()
    {
        var one = Jump(1);
        var three = Jump(3);
        Assert.InRange(three / one, 2.999, 3.001);

        static double Jump(int m)
        {
            var n = DpiHarness.Neurons(new DpiCoreParameters());
            n.Step(DpiHarness.Drive(n, SynapseType.FastExc, m, 0), []);
            return n.Read("i_syn")[3];
        }
    }

    [Fact]
    public void Subtractive_inhibition_lowers_the_rate_and_shunting_inhibition_lowers_it_too()
    {
        static int Count(int inhType, double inhRate)
        {
            var n = DpiHarness.Neurons(new DpiCoreParameters { Idc = 1e-9 });
            var drive = new float[n.DriveLength];
            var spikes = new List<int>();
            var every = inhRate > 0 ? (int)Math.Round(1 / (inhRate * 1e-5)) : int.MaxValue;
            for (var s = 0; s < 50000; s++)
            {
                DpiHarness.Set(n, drive, (SynapseType)inhType, s % every == 0 ? 1 : 0, 0);
                n.Step(drive, spikes);
            }
            return spikes.Count;
        }
        var free = Count(0, 0);
        Assert.True(Count(0, 200) < free, "GABA_B (subtractive) did not lower the rate");
        Assert.True(Count(1, 200) < free, "GABA_A (shunting) did not lower the rate");
    }

    [Fact]
    public void A_neuron_in_a_partly_filled_vector_follows_the_same_update_and_padding_lanes_never_spike()
    {
        // 9 neurons: a full vector of 8 and neuron 8 alone in the second, whose 7 padding lanes copy neuron 0
        var n = DpiHarness.Neurons(new DpiCoreParameters { Idc = 1e-9 }, count: 9);
        var spikes = new List<int>();
        var drive = new float[n.DriveLength];
        for (var s = 0; s < 20000; s++)
        {
            DpiHarness.Set(n, drive, SynapseType.FastExc, s % 700 == 0 ? 2 : 0, 0, 8);
            n.Step(drive, spikes);
            Assert.All(drive, x => Assert.Equal(0f, x)); // the step consumes the drive
            var imem = n.Read("i_mem");
            Assert.Equal(imem[0], imem[8]); // the same float operations in lane 0 of both vectors
        }
        Assert.All(spikes, k => Assert.InRange(k, 0, 8));
        Assert.Equal(spikes.Count(k => k == 0), spikes.Count(k => k == 8));
        Assert.True(spikes.Count(k => k == 0) > 5);
        Assert.True(spikes.Count(k => k == 1) < spikes.Count(k => k == 0), "the undriven neuron 1 should fire less than the driven neuron 0");
    }
}
