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

    /// <summary>
    /// <c>bench microcircuit --seed-nodes</c>: the bench's network built and run by two workers gives the one-process
    /// bench's counts, population by population (rates and CVs come from every spike of every neuron).
    /// </summary>
    [Fact]
    public async Task Bench_microcircuit_on_two_workers_counts_the_one_process_spikes()
    {
        string[] bench = ["bench", "microcircuit", "--scale", "0.02", "--duration", "0.05", "--transient", "0.05", "--seed", "7"];
        var (code, single, err) = await Exec(bench);
        Assert.True(code == 0, err);
        using var workers = new Workers();
        (code, var spread, err) = await Exec([.. bench, "--seed-nodes", workers.Seed, "--min-nodes", "2"]);
        Assert.True(code == 0, err);
        using var one = JsonDocument.Parse(single.Trim());
        using var two = JsonDocument.Parse(spread.Trim());
        var (a, b) = (one.RootElement, two.RootElement);
        Assert.Equal("actors", a.GetProperty("runtime").GetString());
        Assert.Equal("cluster", b.GetProperty("runtime").GetString());
        Assert.Equal(2, b.GetProperty("nodes").GetArrayLength());
        Assert.Equal(2, b.GetProperty("placement").EnumerateObject().Select(p => p.Value.GetString()).Distinct().Count());
        Assert.True(a.GetProperty("spikes").GetInt64() > 100, single);
        Assert.Equal(a.GetProperty("spikes").GetInt64(), b.GetProperty("spikes").GetInt64());
        Assert.Equal(a.GetProperty("synapses").GetInt64(), b.GetProperty("synapses").GetInt64());
        var pa = a.GetProperty("populations").EnumerateArray().ToList();
        var pb = b.GetProperty("populations").EnumerateArray().ToList();
        Assert.Equal(8, pb.Count);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(pa[i].GetProperty("name").GetString(), pb[i].GetProperty("name").GetString());
            Assert.Equal(pa[i].GetProperty("rate_hz").GetDouble(), pb[i].GetProperty("rate_hz").GetDouble());
            Assert.Equal(pa[i].GetProperty("cv_isi").GetRawText(), pb[i].GetProperty("cv_isi").GetRawText());
        }
        // The coordinator's own bad option is exit 2 before it joins anything.
        (code, _, err) = await Exec([.. bench, "--min-nodes", "2"]);
        Assert.Equal(2, code);
        Assert.Contains("--seed-nodes", err);
        (code, _, err) = await Exec([.. bench, "--seed-nodes", workers.Seed, "--plain"]);
        Assert.Equal(2, code);
        Assert.Contains("--plain", err);
        // Workers that never come: exit 2 after the join timeout, naming the command and how many joined.
        (code, _, err) = await Exec([.. bench, "--seed-nodes", "127.0.0.1:1", "--join-timeout", "1"]);
        Assert.Equal(2, code);
        Assert.Contains("bench microcircuit: only 0 of 1 worker node(s) joined within 1 s", err);
    }
}
