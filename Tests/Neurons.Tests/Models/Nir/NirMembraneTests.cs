using System.Globalization;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Nir;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Neurons.Tests.Models.Nir;

/// <summary>The NIR neuron models against closed forms and the exact LIF reference of the NIR paper.</summary>
public class NirMembraneTests
{
    private static NirNeuron Neuron(string json, int size = 1, double dt = 1e-4) => (NirNeuron)ModelCatalog.Create("NirNeuron", size, dt, Zoo.Zoo.Params(json), Zoo.Zoo.Streams());

    [SkippableFact]
    public void Exact_integration_follows_the_exact_lif_trace_to_the_first_spike()
    {
        var path = SharedFiles.Find("data/nir/lif_exact.csv");
        Skip.If(path is null, "shared/data/nir/lif_exact.csv is not present beside the repository: this test did not run");
        var rows = File.ReadAllLines(path!).Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var lif = Neuron("""{"tau_mem": 0.0025, "r": 1, "v_leak": 0, "v_threshold": 0.1}""");
        var spikes = new List<int>();
        var compared = 0;
        // 1e-7 V: the reference was computed with the float32 parameters the file stores (τ = 0.0024999999 s)
        for (var k = 0; k < rows.Length && rows[k][2] == 0; k++, compared++)
        {
            lif.Step(k, [[rows[k][0]], [0.0]], spikes);
            Assert.True(Math.Abs(lif.V[0] - rows[k][1]) < 1e-7, $"step {k}: v {lif.V[0]} vs exact {rows[k][1]}");
        }
        Assert.True(compared > 400 && spikes.Count == 0, $"compared {compared} steps");
    }

    [Fact]
    public void CubaLIF_exact_matches_the_two_exponential_closed_form_and_euler_is_snnTorch_s_recursion()
    {
        // A unit input held from t = 0: I(t) = w(1 − e^(−t/τs)); v(t) = r·w·(1 − (τm e^(−t/τm) − τs e^(−t/τs))/(τm − τs)).
        const double dt = 1e-4, tm = 0.002, ts = 0.0005, r = 3, w = 0.5;
        var exact = Neuron($$"""{"tau_mem": {{tm}}, "tau_syn": {{ts}}, "r": {{r}}, "w_in": {{w}}, "v_threshold": 100}""");
        var euler = Neuron($$"""{"tau_mem": {{tm}}, "tau_syn": {{ts}}, "r": {{tm / dt}}, "w_in": {{ts / dt}}, "v_threshold": 100, "method": "euler"}""");
        var (syn, mem) = (0.0, 0.0);
        var (alpha, beta) = (1 - dt / ts, 1 - dt / tm);
        for (var k = 0; k < 50; k++)
        {
            exact.Step(k, [[1.0], [0.0]], []);
            euler.Step(k, [[1.0], [0.0]], []);
            var t = (k + 1) * dt;
            var v = r * w * (1 - (tm * Math.Exp(-t / tm) - ts * Math.Exp(-t / ts)) / (tm - ts));
            Assert.True(Math.Abs(exact.V[0] - v) < 1e-12, $"step {k}: {exact.V[0]} vs {v}");
            syn = alpha * syn + 1;
            mem = beta * mem + syn;
            Assert.True(Math.Abs(euler.V[0] - mem) < 1e-9, $"step {k}: euler {euler.V[0]} vs snnTorch {mem}");
        }
    }

    [Fact]
    public void Reset_to_zero_and_by_subtraction_and_IF_with_delta_spikes()
    {
        // IF (no leak), spikes as Dirac deltas: each weight-0.4 spike adds r·0.4 exactly; threshold 1.
        var zero = Neuron("""{"r": 1, "v_threshold": 1, "spikes": "delta"}""");
        var subtract = Neuron("""{"r": 1, "v_threshold": 1, "spikes": "delta", "reset": "subtract"}""");
        var (a, b) = (new List<int>(), new List<int>());
        for (var k = 0; k < 3; k++)
        {
            zero.Step(k, [[0.4], [0.0]], a);
            subtract.Step(k, [[0.4], [0.0]], b);
        }
        Assert.Equal([0], a);
        Assert.Equal([0], b);
        Assert.Equal(0.0, zero.V[0]);
        Assert.Equal(0.2, subtract.V[0], 12);
    }
}
