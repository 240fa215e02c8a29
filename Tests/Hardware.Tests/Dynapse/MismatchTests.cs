using System.Text.Json.Nodes;
using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

public class MismatchTests
{
    [Fact]
    public void Over_a_board_the_factors_have_mean_one_and_the_configured_spread_for_a_seed()
    {
        var m = new DeviceMismatch(42, 0.2);
        foreach (var p in new[] { 0, 5, 16 })
        {
            var f = Enumerable.Range(0, BoardGeometry.Neurons).Select(id => m.Neuron(id, p)).ToArray();
            var mean = f.Average();
            var std = Math.Sqrt(f.Select(x => (x - mean) * (x - mean)).Sum() / (f.Length - 1));
            Assert.InRange(mean, 0.98, 1.02);
            Assert.InRange(std, 0.2 * 0.95, 0.2 * 1.05);
            Assert.All(f, x => Assert.True(x >= DeviceMismatch.MinFactor));
        }
        Assert.Equal(m.Neuron(7, 3), new DeviceMismatch(42, 0.2).Neuron(7, 3)); // the same address, the same bits
        Assert.NotEqual(m.Neuron(7, 3), new DeviceMismatch(43, 0.2).Neuron(7, 3));
        Assert.NotEqual(m.Neuron(7, 3), m.Neuron(7, 4));
        Assert.Equal(1.0, DeviceMismatch.None.Neuron(7, 3));
        Assert.Equal(1.0, DeviceMismatch.None.Synapse(7, 3, true, SynapseType.FastExc));
    }

    [Fact]
    public void Rates_vary_across_neurons_with_mismatch_and_not_without()
    {
        static double[] Rates(DeviceMismatch m)
        {
            var neurons = Enumerable.Range(1, 64).ToArray();
            var config = new BoardConfig { Neurons = neurons, Mismatch = m, DpiCores = Cores(new DpiCoreParameters { Idc = 1e-9 }) };
            var board = new BoardSimulator(config);
            var counts = new double[neurons.Length];
            var spikes = new List<int>();
            for (var s = 0; s < 20000; s++) board.ChipStep([], spikes);
            foreach (var k in spikes) counts[k]++;
            return counts;
        }
        var with = Rates(new DeviceMismatch(1, 0.2));
        var without = Rates(DeviceMismatch.None);
        Assert.True(with.Distinct().Count() > 5);
        Assert.Single(without.Distinct());
    }

    [Fact]
    public void A_saved_configuration_reloads_to_the_same_factors_and_the_same_spikes()
    {
        var config = new BoardConfig
        {
            Neurons = [1, 2, 3, 300],
            VirtualInputs = [5, 6],
            Connections = [new(5, true, 1, SynapseType.FastExc, 3), new(6, true, 2, SynapseType.FastExc, 5), new(1, false, 3, SynapseType.SlowExc, 8),
                new(2, false, 300, SynapseType.FastExc, 9), new(3, false, 1, SynapseType.FastInh, 2)],
            Tau2 = [300],
            Mismatch = new DeviceMismatch(99, 0.2),
            DpiCores = Cores(new DpiCoreParameters { Idc = 1e-9 }),
        }.WithExplicitFactors();
        var text = BoardConfigJson.ToJson(config).ToJsonString();
        var back = BoardConfigJson.FromJson(JsonNode.Parse(text)!.AsObject());
        foreach (var id in config.Neurons) Assert.Equal(config.FactorsOf(id), back.FactorsOf(id));
        Assert.Equal(text, BoardConfigJson.ToJson(back).ToJsonString());
        Assert.Equal(Run(config), Run(back));

        static string Run(BoardConfig c)
        {
            var b = new BoardSimulator(c);
            var ptr = new int[1001];
            var ch = new List<int>();
            for (var s = 0; s < 1000; s++) { if (s % 7 == 0) ch.Add(s % 2); ptr[s + 1] = ch.Count; }
            var (outPtr, outNeurons) = b.RunWindow(ptr, ch.ToArray(), 1000, 10);
            Assert.True(outNeurons.Distinct().Count() == 4, "every neuron should spike in 0.1 s");
            return string.Join(",", outPtr) + "|" + string.Join(",", outNeurons);
        }
    }

    internal static DpiCoreParameters[] Cores(DpiCoreParameters p) => Enumerable.Repeat(p, BoardGeometry.Cores).ToArray();
}
