using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class IafTorchTests
{
    private const double Dt = 1e-4;

    [Fact]
    public void Rockpool_defaults_are_those_of_each_class()
    {
        var ff = (IafTorch)Make("FFIAFTorch", 0, Dt, """{"weights": [[1]]}""");
        Assert.Equal((0.015, 0.02, -0.055, -0.065, -0.065), (ff.Bias[0], ff.TauMem[0], ff.VThresh[0], ff.VReset[0], ff.VRest![0]));
        Assert.Equal(-0.065, ff.VMem[0]); // reset_state: v_reset
        var spk = (IafTorch)Make("FFIAFSpkInTorch", 0, Dt, """{"weights": [[1]]}""");
        Assert.Equal((0.01, 0.02), (spk.Bias[0], spk.TauSynInp![0]));
        var rec = (IafTorch)Make("RecIAFTorch", 0, Dt, """{"weights": [[0]]}""");
        Assert.Equal((0.015, 0.05), (rec.Bias[0], rec.TauSynRec![0]));
        var recSpk = (IafTorch)Make("RecIAFSpkInRefrTorch", 0, Dt, """{"weights_in": [[1]], "weights_rec": [[0]]}""");
        Assert.Equal((0.0105, 0.05, 0.05, true), (recSpk.Bias[0], recSpk.TauSynInp![0], recSpk.TauSynRec![0], recSpk.AddEvents));
        var cl = (IafTorch)Make("RecIAFSpkInRefrCLTorch", 0, Dt, """{"weights_in": [[1]], "weights_rec": [[0]]}""");
        Assert.Equal((0.02, -0.085), (cl.LeakRate![0], cl.StateMin![0]));
        var brian = (IafTorch)Make("RecIAFBrian", 0, Dt, """{"weights": [[0]]}""");
        Assert.Equal(0.0105, brian.Bias[0]);
        Assert.Equal("RecIAFBrian", brian.ToDict()["class_name"]!.GetValue<string>());
    }

    [Fact]
    public void Membrane_follows_the_Euler_charging_curve_and_fires_periodically()
    {
        // c = v_rest + b + I·w = −0.065 + 0.015 + 0.002 = −0.048; V_k = c + (V_0 − c)(1 − α)^k, α = 1/200.
        var lif = (IafTorch)Make("FFIAFTorch", 0, Dt, """{"weights": [[2.0]]}""");
        const double c = -0.048, a = Dt / 0.02;
        var spikes = Run(lif, 3000, _ => [[0.001]]);
        var k1 = 0;
        while (c + (-0.065 - c) * Math.Pow(1 - a, k1 + 1) <= -0.055) k1++;
        for (var k = 0; k < k1; k++) Assert.Empty(spikes[k]);
        Assert.Equal([0], spikes[k1]);
        var steps = spikes.Select((s, k) => (s, k)).Where(x => x.s.Count > 0).Select(x => x.k).ToList();
        Assert.True(steps.Count > 10);
        Assert.All(steps.Zip(steps.Skip(1)), p => Assert.Equal(k1 + 1, p.Second - p.First));
        var fresh = (IafTorch)Make("FFIAFTorch", 0, Dt, """{"weights": [[2.0]]}""");
        for (var k = 1; k <= k1; k++)
        {
            Step(fresh, k - 1, [0.001]);
            Assert.Equal(c + (-0.065 - c) * Math.Pow(1 - a, k), fresh.VMem[0], 14);
        }
    }

    [Theory]
    [InlineData(0.0012)]
    [InlineData(0.00126)]
    public void Refractory_neurons_are_frozen_for_exactly_round_R_over_dt_steps(double refractory)
    {
        var plain = Make("FFIAFTorch", 0, Dt, """{"weights": [[1]], "bias": 0.05}""");
        var refr = (IafTorch)Make("FFIAFRefrTorch", 0, Dt, $$"""{"weights": [[1]], "bias": 0.05, "refractory": {{refractory}}}""");
        var hold = (int)Math.Round(refractory / Dt);
        var basePeriod = Steps(Run(plain, 4000))[1] - Steps(Run(Make("FFIAFTorch", 0, Dt, """{"weights": [[1]], "bias": 0.05}"""), 4000))[0];
        var refrSpikes = new List<int>();
        var lastSpike = -1;
        for (var k = 0; k < 4000; k++)
        {
            if (Step(refr, k, [0.0]).Count > 0)
            {
                refrSpikes.Add(k);
                lastSpike = k;
            }
            else if (lastSpike >= 0 && k - lastSpike <= hold) Assert.Equal(-0.065, refr.VMem[0]);
        }
        Assert.All(refrSpikes.Zip(refrSpikes.Skip(1)), p => Assert.Equal(basePeriod + hold, p.Second - p.First));
    }

    [Fact]
    public void Spike_input_gives_the_exact_exponential_synapse()
    {
        var lif = (IafTorch)Make("FFIAFSpkInTorch", 0, Dt, """{"weights": [[0.3], [0.5]], "tau_syn": 0.005}""");
        Step(lif, 0, [1.0, 2.0]);
        Assert.Equal(1.3, lif.ISynInp[0], 15);
        for (var k = 1; k < 200; k++)
        {
            Step(lif, k, [0.0, 0.0]);
            Assert.Equal(1.3 * Math.Exp(-k * Dt / 0.005), lif.ISynInp[0], 12);
        }
    }

    [Fact]
    public void Recurrent_spikes_arrive_one_step_later_and_decay_with_tau_syn_rec()
    {
        var lif = (IafTorch)Make("RecIAFSpkInRefrTorch", 0, Dt,
            """{"weights_in": [[10, 0]], "weights_rec": [[0, 0.004], [0, 0]], "bias": 0, "tau_syn_rec": 0.01, "refractory": 0.01}""");
        Assert.Equal([0], Step(lif, 0, [1.0])); // 10 V of synaptic input: crosses at once
        Assert.Equal(0.0, lif.ISynRec[1]);
        Step(lif, 1, [0.0]);
        Assert.Equal(0.004, lif.ISynRec[1], 15);
        Step(lif, 2, [0.0]);
        Assert.Equal(0.004 * Math.Exp(-Dt / 0.01), lif.ISynRec[1], 15);
    }

    [Fact]
    public void Constant_leak_moves_the_state_by_a_fixed_amount_per_step_and_stops_at_state_min()
    {
        // v_rest null: the leak always lowers V, by α·leak_rate·dt per step, down to state_min.
        var cl = (IafTorch)Make("RecIAFSpkInRefrCLTorch", 0, Dt,
            """{"weights_in": [[1]], "weights_rec": [[0]], "v_rest": null, "leak_rate": 2.0, "tau_mem": 0.001, "state_min": -0.0652}""");
        var step = 0.1 * 2.0 * Dt; // α = dt/τ_mem = 0.1
        for (var k = 1; k <= 8; k++)
        {
            Step(cl, k - 1, [0.0]);
            Assert.Equal(Math.Max(-0.065 - k * step, -0.0652), cl.VMem[0], 15);
        }
        // With v_rest the leak pulls towards it from either side.
        var towards = (IafTorch)Make("RecIAFSpkInRefrCLTorch", 0, Dt,
            """{"weights_in": [[1]], "weights_rec": [[0]], "v_rest": -0.06, "leak_rate": 2.0, "tau_mem": 0.001}""");
        Step(towards, 0, [0.0]);
        Assert.Equal(-0.065 + step, towards.VMem[0], 15);
    }

    [Fact]
    public void Size_must_match_the_weights()
    {
        var e = Assert.Throws<ModelParameterException>(() => Make("FFIAFTorch", 3, Dt, """{"weights": [[1, 2]]}"""));
        Assert.Equal("weights", e.Parameter);
        Assert.Equal(2, Make("FFIAFTorch", 2, Dt, """{"weights": [[1, 2]]}""").Size);
    }

    [Fact]
    public void Noise_is_scaled_as_Rockpool_and_comes_from_the_layer_streams()
    {
        // No drift (c = V_0): V_1 − V_0 = α·σ·√(2τ/dt)·1.63·ξ. Over many neurons the spread matches.
        const int n = 4000;
        var json = $$"""{"weights": [[{{string.Join(", ", Enumerable.Repeat("0", n))}}]], "bias": 0, "v_rest": -0.065, "noise_std": 0.001}""";
        var a = (IafTorch)Make("FFIAFTorch", 0, Dt, json, seed: 1);
        var b = (IafTorch)Make("FFIAFTorch", 0, Dt, json, seed: 1);
        Step(a, 0, [0.0]);
        Step(b, 0, [0.0]);
        Assert.Equal(a.VMem, b.VMem);
        var dv = a.VMem.Select(v => v + 0.065).ToArray();
        var sd = Math.Sqrt(dv.Select(x => x * x).Average());
        var expected = Dt / 0.02 * 0.001 * Math.Sqrt(2 * 0.02 / Dt) * 1.63;
        Assert.InRange(sd / expected, 0.95, 1.05);
    }

    private static List<int> Steps(List<List<int>> spikes) => spikes.Select((s, k) => (s, k)).Where(x => x.s.Count > 0).Select(x => x.k).ToList();
}
