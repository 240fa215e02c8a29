using Xunit;
using static EventSpike.Host.Tests.ClusterProcesses;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary>A NIR graph on a cluster: the workers build the converted network description and give the one-process spikes.</summary>
public class NirClusterTests
{
    [SkippableFact]
    public async Task A_recurrent_NIR_graph_on_two_worker_nodes_gives_the_one_process_spikes()
    {
        var graph = NirData.Path("braille_noDelay_bias_zero_subgraph.nir");
        var input = NirData.Spikes(Enumerable.Range(0, 200).SelectMany(k => Enumerable.Range(0, 12).Where(c => (k + c * 3) % 7 == 0).Select(c => (k, c))), 12, 0.02, 1e-4);
        string[] common = ["run", graph, "--dt", "0.0001", "--input", "input=" + input, "--no-plot", "--nir-method", "euler"];
        var single = TempDir();
        var (code, _, err) = await Exec([.. common, "--out", single]);
        Assert.True(code == 0, err);
        using var workers = new Workers();
        var spread = TempDir();
        (code, _, err) = await Exec([.. common, "--out", spread, "--seed-nodes", workers.Seed, "--min-nodes", "2"]);
        Assert.True(code == 0, err);
        var spikes = File.ReadAllBytes(Path.Combine(single, "spikes.csv"));
        Assert.True(File.ReadAllLines(Path.Combine(single, "spikes.csv")).Length > 20, "the input drives the network");
        Assert.Equal(spikes, File.ReadAllBytes(Path.Combine(spread, "spikes.csv")));
        var summary = File.ReadAllText(Path.Combine(spread, "summary.json"));
        Assert.Contains($"akka.tcp://eventspike@127.0.0.1:{workers.Ports[0]}", summary);
        Assert.Contains($"akka.tcp://eventspike@127.0.0.1:{workers.Ports[1]}", summary);
        Assert.Contains("\"name\": \"lif1.lif1\"", summary);
    }
}
