using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Models;

/// <summary>NEST's iaf_psc_alpha against its closed-form solutions.</summary>
public class IafPscAlphaTests
{
    private const double Dt = 1e-4;

    private static IafPscAlpha Neuron(params (string, object)[] parameters) =>
        new(1, Dt, LayerParameters.From(parameters), b => StreamSeed.Generator(1, "alpha", b));

    /// <summary>Runs one neuron for <paramref name="steps"/> steps with a spike of <paramref name="w"/> on port <paramref name="port"/> at step 0.</summary>
    private static List<(double V, double I, List<int> Spikes)> Kick(IafPscAlpha model, int port, double w, int steps)
    {
        var trace = new List<(double, double, List<int>)>();
        for (var k = 0; k < steps; k++)
        {
            double[][] input = [[0.0], [0.0], [0.0]];
            if (k == 0) input[port][0] = w;
            var spikes = new List<int>();
            model.Step(k, input, spikes);
            trace.Add((model.VMem[0], port == 0 ? model.IExc[0] : model.IInh[0], spikes));
        }
        return trace;
    }

    /// <summary>
    /// V(t) − v_rest for I(t) = w·(t/τs)·e^(1−t/τs) through τ_mem dV/dt = −V + I, by Simpson's rule on
    /// V(t) = (1/τ_mem)∫₀ᵗ e^(−(t−u)/τ_mem) I(u) du: independent of the model's propagators, and free of the
    /// cancellation the closed form suffers when τ_syn is close to τ_mem.
    /// </summary>
    private static double Membrane(double w, double tauSyn, double tauMem, double t)
    {
        const int n = 4000;
        var h = t / n;
        double F(double u) => Math.Exp(-(t - u) / tauMem) * w * u / tauSyn * Math.Exp(1 - u / tauSyn) / tauMem;
        var sum = F(0) + F(t);
        for (var i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * F(i * h);
        return sum * h / 3;
    }

    [Theory]
    [InlineData(0, 0.002, 0.005, 0.02)]   // excitatory, τ_syn < τ_mem
    [InlineData(1, -0.003, 0.01, 0.02)]   // inhibitory
    [InlineData(0, 0.002, 0.02, 0.02)]    // τ_syn = τ_mem: the series branch of the propagator
    [InlineData(0, 0.002, 0.0199999, 0.02)] // τ_syn just off τ_mem: where the closed form would cancel
    public void A_single_spike_gives_the_alpha_current_and_the_exact_membrane_response(int port, double w, double tauSyn, double tauMem)
    {
        var model = Neuron(("v_rest", -0.07), ("v_thresh", 1.0), ("v_init", -0.07), ("tau_mem", tauMem),
            (port == 0 ? "tau_syn_exc" : "tau_syn_inh", tauSyn));
        var trace = Kick(model, port, w, 800);
        for (var k = 0; k < trace.Count; k++)
        {
            var t = (k + 1) * Dt;
            Assert.Equal(w * t / tauSyn * Math.Exp(1 - t / tauSyn), trace[k].I, 1e-15);
            if (k % 7 != 0) continue;
            var expected = Membrane(w, tauSyn, tauMem, t);
            Assert.True(Math.Abs(trace[k].V + 0.07 - expected) <= 1e-12 + 1e-9 * Math.Abs(expected),
                $"step {k}: V − v_rest = {trace[k].V + 0.07}, expected {expected}");
        }
    }

    [Fact]
    public void The_current_peaks_at_its_weight_at_t_equal_tau_syn()
    {
        var trace = Kick(Neuron(("v_thresh", 1.0), ("tau_syn_exc", 0.005)), 0, 0.004, 200);
        var peak = trace.Select((s, k) => (s.I, k)).MaxBy(p => p.I);
        Assert.Equal(49, peak.k); // after 50 steps: t = 5 ms
        Assert.Equal(0.004, peak.I, 15);
    }

    [Fact]
    public void A_driven_neuron_fires_at_the_closed_form_crossing_and_is_held_for_its_refractory_period()
    {
        // V∞ = v_rest + bias = −0.049 + 0.03 > v_thresh: from v_reset, V(t) = V∞ + (v_reset − V∞)·e^(−t/τ_mem).
        var model = Neuron(("bias", 0.03), ("v_init", -0.06));
        var fired = new List<long>();
        for (var k = 0; k < 2000; k++)
        {
            var spikes = new List<int>();
            model.Step(k, [[0.0], [0.0], [0.0]], spikes);
            if (spikes.Count > 0) fired.Add(k);
        }
        var vInf = -0.049 + 0.03;
        var crossing = -0.02 * Math.Log((-0.05 - vInf) / (-0.06 - vInf)); // seconds from reset to threshold
        var first = (long)Math.Ceiling(crossing / Dt) - 1;                 // the step after which V first exceeds it
        Assert.Equal(first, fired[0]);
        var refractory = (int)Math.Round(0.005 / Dt);
        Assert.All(fired.Zip(fired.Skip(1)), p => Assert.Equal(refractory + first + 1, p.Second - p.First));
    }

    [Fact]
    public void It_is_registered_with_its_ports_and_round_trips_through_its_dict()
    {
        var info = ModelCatalog.Describe(IafPscAlpha.TypeName);
        Assert.Equal(["exc", "inh", "current"], info.Ports.Select(p => p.Name));
        var model = Neuron(("tau_syn_exc", 0.003), ("tau_mem", 0.015));
        var again = (IafPscAlpha)ModelCatalog.FromDict(model.ToDict(), b => StreamSeed.Generator(1, "alpha", b));
        Assert.Equal((0.003, 0.015), (again.TauSynExc, again.TauMem));
        Assert.Equal(["v_mem", "i_exc", "di_exc", "i_inh", "di_inh", "refractory_left"], ((ILayerModel)again).StateNames);
    }
}
