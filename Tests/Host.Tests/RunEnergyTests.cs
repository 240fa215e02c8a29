using System.Text.Json;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class RunEnergyTests
{
    /// <summary>
    /// reservoir.json for 0.05 s (500 steps) on a clocked device (cpu) and an event-driven one (loihi): per layer,
    /// cpu synop = 8.6e-9·connections·steps, loihi synop = 27.1e-12·synaptic_events (the layer's counted events in
    /// summary.json), neuron = e_neu·neurons·steps on both; the source costs nothing; the total is the sum.
    /// </summary>
    [Fact]
    public void Run_energy_estimates_per_layer_from_the_counted_events()
    {
        var cpu = Energy("cpu");
        var loihi = Energy("loihi");
        foreach (var (summary, device) in new[] { (cpu, "cpu"), (loihi, "loihi") })
        {
            var energy = summary.GetProperty("energy");
            Assert.Equal(device, energy.GetProperty("device").GetString());
            var layers = summary.GetProperty("layers").EnumerateArray().ToList();
            var perLayer = energy.GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(layers.Select(l => l.GetProperty("name").GetString()), perLayer.Select(l => l.GetProperty("name").GetString()));
            double total = 0;
            for (var i = 0; i < layers.Count; i++)
            {
                var e = perLayer[i];
                var steps = e.GetProperty("model_steps").GetInt64();
                var connections = e.GetProperty("connections").GetInt64();
                var neurons = e.GetProperty("neurons").GetInt64();
                Assert.Equal(layers[i].GetProperty("synaptic_events").GetInt64(), e.GetProperty("synaptic_events").GetInt64());
                Assert.Equal(500, steps);
                Assert.Equal(i == 0 ? 0 : layers[i].GetProperty("size").GetInt64(), neurons);
                var synop = device == "cpu" ? 8.6e-9 * (connections * steps) : (23.6e-12 + 3.5e-12) * e.GetProperty("synaptic_events").GetInt64();
                var neuron = (device == "cpu" ? 8.6e-9 : 81e-12) * (neurons * steps);
                Assert.Equal(synop, e.GetProperty("synop_j").GetDouble());
                Assert.Equal(neuron, e.GetProperty("neuron_j").GetDouble());
                total += synop + neuron;
            }
            Assert.Equal(total, energy.GetProperty("total_j").GetDouble());
        }
        var reservoir = cpu.GetProperty("energy").GetProperty("layers")[1];
        Assert.True(reservoir.GetProperty("connections").GetInt64() > 10_000);
        // Event-driven synops are far fewer than every connection every step.
        Assert.True(loihi.GetProperty("layers")[1].GetProperty("synaptic_events").GetInt64() < reservoir.GetProperty("connections").GetInt64() * 500 / 10);
    }

    private static JsonElement Energy(string device)
    {
        var dir = TempDir();
        var (code, _, stderr) = Run("run", Example("reservoir.json"), "--duration", "0.05", "--out", dir, "--no-plot", "--energy", device);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        return doc.RootElement.Clone();
    }
}
