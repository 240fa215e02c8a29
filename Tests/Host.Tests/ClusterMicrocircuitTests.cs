using System.Text.Json;
using EventSpike.Host.Bench;
using Xunit;
using static EventSpike.Host.Tests.ClusterProcesses;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>
/// PD14 (<see cref="Microcircuit"/>) at scale 0.02 on two worker processes on loopback: two-step windows (the shortest
/// delay), per-synapse weights and delays, a Poisson drive per neuron; the spikes are the one-process run's byte for byte.
/// </summary>
public class ClusterMicrocircuitTests
{
    [Fact]
    public async Task The_microcircuit_on_two_workers_gives_the_one_process_spikes_byte_for_byte()
    {
        var net = Path.Combine(TempDir(), "microcircuit-0.02.json");
        File.WriteAllText(net, Microcircuit.FileText(0.02, 0.1, 12345));
        var single = TempDir();
        var (code, _, err) = await Exec("run", net, "--out", single, "--no-plot");
        Assert.True(code == 0, err);
        using var workers = new Workers();
        var spread = TempDir();
        (code, _, err) = await Exec("run", net, "--out", spread, "--no-plot", "--seed-nodes", workers.Seed, "--min-nodes", "2");
        Assert.True(code == 0, err);
        var spikes = File.ReadAllBytes(Path.Combine(single, "spikes.csv"));
        // Not a silent network: at 0.02 scale with DC compensation the populations fire at a few Hz (≈ 1,543 neurons, 0.1 s).
        Assert.True(File.ReadAllLines(Path.Combine(single, "spikes.csv")).Length > 200);
        Assert.Equal(spikes, File.ReadAllBytes(Path.Combine(spread, "spikes.csv")));

        using var one = JsonDocument.Parse(File.ReadAllText(Path.Combine(single, "summary.json")));
        using var many = JsonDocument.Parse(File.ReadAllText(Path.Combine(spread, "summary.json")));
        // The workers together built exactly the one-process synapses: each only those into the layers it hosts.
        Assert.Equal(one.RootElement.GetProperty("synapses").GetInt64(), many.RootElement.GetProperty("synapses").GetInt64());
        var nodes = many.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("node").GetString()).Distinct().Count();
        Assert.Equal(2, nodes);
        // Two-step windows (the shortest delay is two steps): 500 windows in 0.1 s.
        var traffic = many.RootElement.GetProperty("traffic").EnumerateArray()
            .Where(t => t.GetProperty("from").GetString()!.StartsWith("akka") && t.GetProperty("to").GetString()!.StartsWith("akka")).ToList();
        Assert.Equal(2, traffic.Count);
        Assert.All(traffic, t => Assert.Equal(500, t.GetProperty("messages").GetInt64()));
    }
}
