using EventSpike.Neurons.Models.Zoo;
using Xunit;
using static EventSpike.Neurons.Tests.Models.Zoo.Zoo;

namespace EventSpike.Neurons.Tests.Models.Zoo;

public class RecFSSpikeEulerBTTests
{
    private const double Dt = 1e-4;

    private static RecFSSpikeEulerBT Make2(string json, double dt = Dt) => (RecFSSpikeEulerBT)Make("RecFSSpikeEulerBT", 0, dt, json);

    /// <summary>Runs and collects the precise spike times of every step.</summary>
    private static List<(int Neuron, double Time, int Step)> Collect(RecFSSpikeEulerBT model, int steps, double[] input)
    {
        var all = new List<(int, double, int)>();
        for (var k = 0; k < steps; k++)
        {
            var spikes = Step(model, k, input);
            Assert.Equal(model.LastStepSpikeTimes.Count, spikes.Count);
            foreach (var (j, t) in model.LastStepSpikeTimes)
            {
                Assert.InRange(t, k * model.Dt, (k + 1) * model.Dt);
                all.Add((j, t, k));
            }
        }
        return all;
    }

    [Fact]
    public void Rockpool_defaults()
    {
        var m = Make2("""{"weights_fast": [[0]], "weights_slow": [[0]]}""");
        Assert.Equal((0.02, 0.001, 0.1, -0.055, -0.065, -0.065, 0.0, 0.0), (m.TauMem[0], m.TauSynFast[0], m.TauSynSlow[0], m.VThresh[0], m.VReset[0], m.VRest[0], m.Bias[0], m.NoiseStd));
        Assert.Equal(RecFSSpikeEulerBT.NoRefractory, m.Refractory);
        Assert.Equal(-0.065, m.VMem[0]);
        Assert.Equal(["v_mem", "i_syn_slow", "i_syn_fast", "refractory_left"], m.StateNames);
    }

    [Fact]
    public void Interspike_interval_for_constant_input_matches_the_closed_form()
    {
        // c = v_rest + I = −0.045; from v_reset: T = τ·ln((c − v_reset)/(c − θ)) = 0.02·ln 2.
        var m = Make2("""{"weights_fast": [[0]], "weights_slow": [[0]]}""");
        var spikes = Collect(m, 3000, [0.02]);
        var expected = 0.02 * Math.Log(2);
        Assert.True(spikes.Count >= 15);
        Close(expected, spikes[0].Time, 0.01, "first spike");
        foreach (var (a, b) in spikes.Zip(spikes.Skip(1)))
            Close(expected, b.Time - a.Time, 0.01, "interval");
        // The interval is fixed by the back-stepped times, not the grid: intervals agree with each other to Euler accuracy.
        var isis = spikes.Zip(spikes.Skip(1), (a, b) => b.Time - a.Time).ToList();
        Assert.True(isis.Max() - isis.Min() < Dt);
    }

    [Fact]
    public void A_spike_adds_its_column_at_the_back_stepped_time()
    {
        // W is [post, pre]: neuron 0's spike adds column 0 (0.5 to neuron 1's fast current, 0.2 to its slow one).
        var m = Make2("""{"weights_fast": [[0, 0], [0.5, 0]], "weights_slow": [[0, 0], [0.2, 0]]}""");
        for (var k = 0; ; k++)
        {
            var vBefore = m.VMem[0];
            var spikes = Step(m, k, [0.02, 0.0]);
            if (spikes.Count == 0) continue;
            Assert.Equal([0], spikes);
            var (neuron, t) = m.LastStepSpikeTimes[0];
            Assert.Equal(0, neuron);
            // Crossing time from the linear interpolation of the full Euler step.
            var vFull = vBefore + Dt / 0.02 * (-0.045 - vBefore);
            var delta = (-0.055 - vBefore) * Dt / (vFull - vBefore);
            Assert.Equal(k * Dt + Math.Max(delta, Dt / 10), t, 15);
            var rest = (k + 1) * Dt - t;
            Assert.Equal(0.5 * (1 - rest / 0.001), m.ISynFast[1], 12);
            Assert.Equal(0.2 * (1 - rest / 0.1), m.ISynSlow[1], 12);
            Assert.Equal(0.0, m.ISynFast[0]);
            Assert.Equal(-0.065 + rest / 0.02 * (-0.045 + 0.065), m.VMem[0], 12);
            break;
        }
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-5)]
    public void Fast_and_slow_synapses_decay_by_Euler_steps_close_to_the_exponential(double dt)
    {
        var m = Make2("""{"weights_fast": [[0]], "weights_slow": [[0]]}""", dt);
        m.SetState("i_syn_fast", [0.001]);
        m.SetState("i_syn_slow", [0.001]);
        var steps = (int)Math.Round(0.002 / dt);
        for (var k = 0; k < steps; k++) Assert.Empty(Step(m, k, [0.0]));
        Assert.Equal(0.001 * Math.Pow(1 - dt / 0.001, steps), m.ISynFast[0], 15);
        Assert.Equal(0.001 * Math.Pow(1 - dt / 0.1, steps), m.ISynSlow[0], 15);
        Close(0.001 * Math.Exp(-0.002 / 0.001), m.ISynFast[0], dt == 1e-5 ? 0.011 : 0.12, "fast");
        Close(0.001 * Math.Exp(-0.002 / 0.1), m.ISynSlow[0], 1e-3, "slow");
    }

    [Fact]
    public void Only_one_spike_is_accepted_per_Euler_step()
    {
        // Two identical neurons cross together. Without coupling both fire in that step, the second
        // at least MinDelta after the first; with mutual fast inhibition only the first fires.
        var free = Make2("""{"weights_fast": [[0, 0], [0, 0]], "weights_slow": [[0, 0], [0, 0]]}""");
        var spikes = Collect(free, 200, [0.02, 0.02]);
        Assert.Equal(0, spikes[0].Neuron);
        Assert.Equal(1, spikes[1].Neuron);
        Assert.Equal(spikes[0].Step, spikes[1].Step);
        Assert.Equal(Dt / 10, spikes[1].Time - spikes[0].Time, 15);

        var coupled = Make2("""{"weights_fast": [[0, -0.5], [-0.5, 0]], "weights_slow": [[0, 0], [0, 0]]}""");
        var first = Collect(coupled, 200, [0.02, 0.02]);
        Assert.Equal(0, first[0].Neuron);
        Assert.DoesNotContain(first, s => s.Neuron == 1 && s.Step == first[0].Step);
        Assert.True(coupled.VMem[1] < -0.055);
    }

    [Fact]
    public void The_callback_sees_every_accepted_spike_with_its_time()
    {
        var m = Make2("""{"weights_fast": [[0, -0.01], [-0.01, 0]], "weights_slow": [[0, 0.001], [0.001, 0]], "refractory": 0.002}""");
        var seen = new List<(int, double)>();
        m.SpikeCallback = (layer, t, j) =>
        {
            Assert.Same(m, layer);
            seen.Add((j, t));
        };
        var spikes = Collect(m, 2000, [0.03, 0.025]);
        Assert.NotEmpty(spikes);
        Assert.Equal(spikes.Select(s => (s.Neuron, s.Time)), seen);
        // Refractory: no neuron fires twice within 2 ms.
        foreach (var group in spikes.GroupBy(s => s.Neuron))
            foreach (var (a, b) in group.Zip(group.Skip(1)))
                Assert.True(b.Time - a.Time >= 0.002 - 1e-12);
    }
}
