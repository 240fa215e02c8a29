using System.Diagnostics;
using Xunit;
using static EventSpike.Host.Tests.ClusterProcesses;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>Cluster runs with real worker processes on 127.0.0.1.</summary>
public class ClusterTests
{
    [Fact]
    public async Task One_process_and_three_processes_give_byte_identical_spikes()
    {
        using var workers = new Workers();
        foreach (var (network, duration) in new[] { ("reservoir.json", "0.3"), ("brunel-ei.json", "0.05") })
        {
            var single = TempDir();
            Assert.Equal(0, (await Exec("run", Example(network), "--duration", duration, "--out", single, "--no-plot")).Code);
            var spread = TempDir();
            var (code, _, err) = await Exec("run", Example(network), "--duration", duration, "--out", spread, "--no-plot",
                "--seed-nodes", workers.Seed, "--min-nodes", "2");
            Assert.True(code == 0, err);
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, "spikes.csv")), File.ReadAllBytes(Path.Combine(spread, "spikes.csv")));
            var summary = File.ReadAllText(Path.Combine(spread, "summary.json"));
            // The coordinator draws no synapse; the nodes report what they built, which is the whole network.
            using (var one = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(single, "summary.json"))))
            using (var many = System.Text.Json.JsonDocument.Parse(summary))
                Assert.Equal(one.RootElement.GetProperty("synapses").GetInt64(), many.RootElement.GetProperty("synapses").GetInt64());
            Assert.Contains($"\"node\": \"akka.tcp://eventspike@127.0.0.1:{workers.Ports[0]}\"", summary);
            Assert.Contains($"\"node\": \"akka.tcp://eventspike@127.0.0.1:{workers.Ports[1]}\"", summary);
            if (network != "brunel-ei.json") continue;

            // The same with the 8,000 excitatory neurons split into shards over both nodes.
            var sharded = TempDir();
            (code, _, err) = await Exec("run", Example(network), "--duration", duration, "--out", sharded, "--no-plot",
                "--seed-nodes", workers.Seed, "--min-nodes", "2", "--shard-size", "3000");
            Assert.True(code == 0, err);
            Assert.Contains("exc: 8000 neurons in 3 shards (exc[0:2048], exc[2048:5120], exc[5120:8000])", err);
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, "spikes.csv")), File.ReadAllBytes(Path.Combine(sharded, "spikes.csv")));
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sharded, "summary.json")));
            var exc = doc.RootElement.GetProperty("layers")[0];
            Assert.Equal(8000, exc.GetProperty("size").GetInt32());
            var shardNodes = exc.GetProperty("shards").EnumerateArray().Select(x => x.GetProperty("node").GetString()).ToList();
            Assert.Equal(3, shardNodes.Count);
            Assert.Equal(2, shardNodes.Distinct().Count());
        }
    }

    private const string Fanout = """
        {
          "name": "fanout", "dt": 0.0001, "duration": 0.3, "seed": 5,
          "layers": [
            { "name": "src", "type": "PoissonSource", "size": 20000, "params": { "rate": 5 } },
            { "name": "a", "type": "LIF", "size": 50, "params": { "v_thresh": 1, "v_reset": 0, "v_rest": 0 } },
            { "name": "b", "type": "LIF", "size": 50, "params": { "v_thresh": 1, "v_reset": 0, "v_rest": 0 } }
          ],
          "connections": [
            { "from": "src", "to": "a", "weights": { "generator": "bernoulli", "p": 0.004, "weight": 0.3 } },
            { "from": "src", "to": "b", "weights": { "generator": "bernoulli", "p": 0.004, "weight": 0.3 }, "delay": 0.001 }
          ]
        }
        """;

    [Fact]
    public async Task Each_node_sends_one_message_per_window_to_each_other_node_and_the_spikes_stay_the_same()
    {
        using var workers = new Workers();
        var net = Path.Combine(TempDir(), "fanout.json");
        File.WriteAllText(net, Fanout);
        var single = TempDir();
        Assert.Equal(0, (await Exec("run", net, "--out", single, "--no-plot")).Code);
        var spread = TempDir();
        var (code, _, err) = await Exec("run", net, "--out", spread, "--no-plot", "--seed-nodes", workers.Seed, "--min-nodes", "2");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "spikes.csv")), File.ReadAllBytes(Path.Combine(spread, "spikes.csv")));
        // src (costliest) is alone on one node, a and b share the other: 30 windows → 30 messages between
        // the two nodes; to the coordinator each node sends its recordings and reports for 16 windows (half the
        // cluster's default credit of 32) in one message, or fewer when a layer has done all it was granted.
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(spread, "summary.json")));
        var traffic = summary.RootElement.GetProperty("traffic").EnumerateArray().ToList();
        var between = traffic.Where(t => t.GetProperty("from").GetString()!.StartsWith("akka") && t.GetProperty("to").GetString()!.StartsWith("akka")).ToList();
        Assert.Single(between);
        Assert.Equal(30, between[0].GetProperty("messages").GetInt64());
        Assert.Equal(30, between[0].GetProperty("batches").GetInt64());
        Assert.Equal(0, between[0].GetProperty("control_messages").GetInt64());
        var toCoordinator = traffic.Where(t => t.GetProperty("to").GetString() == "coordinator").OrderBy(t => t.GetProperty("batches").GetInt64()).ToList();
        Assert.Equal(2, toCoordinator.Count);
        Assert.All(toCoordinator, t => Assert.InRange(t.GetProperty("messages").GetInt64(), 2, 15));
        Assert.Equal([30L, 60L], toCoordinator.Select(t => t.GetProperty("batches").GetInt64()));
        // The layers' reports ride in those bundles; the scheduler's grants go one message per node at a
        // time (the two layers of the second node share them), and only when a layer gains at least as many
        // windows as it still has: the first 31 windows at once, then at most one more.
        Assert.Equal([0L, 0L], toCoordinator.Select(t => t.GetProperty("control_messages").GetInt64()));
        var grants = traffic.Where(t => t.GetProperty("from").GetString() == "coordinator").Select(t => t.GetProperty("control_messages").GetInt64()).ToList();
        Assert.Equal(2, grants.Count);
        Assert.All(grants, g => Assert.InRange(g, 1, 2));
        // Bytes are measured: src's 20,000 neurons at 5 Hz give ~1,000 spikes a window (~10 a step), 3 bytes
        // each as plain MessagePack, 2 as varint differences from the step's previous neuron (~2,000 apart).
        var bytes = between[0].GetProperty("bytes").GetInt64();
        var raw = between[0].GetProperty("raw_bytes").GetInt64();
        Assert.InRange(raw, 30 * 800 * 2, 30 * 1200 * 4);
        Assert.InRange(bytes, 30 * 800 * 1, raw * 3 / 4);

        // The run ended well: the workers saw the coordinator go without a warning, a stack trace or an
        // error on stderr (they print those only with --verbose).
        await Task.Delay(1000);
        foreach (var (node, errors) in workers.StopAndReadErrors())
        {
            Assert.DoesNotContain("Disassociated", errors);
            Assert.DoesNotContain("   at ", errors);
            Assert.DoesNotContain("[error]", errors);
        }
    }

    private const string PinnedChain = """
        {
          "name": "chain", "dt": 0.0001, "duration": 0.1, "seed": 3,
          "layers": [
            { "name": "a", "type": "PoissonSource", "size": 200, "params": { "rate": 50 }, "node": 0 },
            { "name": "b", "type": "LIF", "size": 100, "params": { "v_thresh": 1, "v_reset": 0, "v_rest": 0 }, "node": 1 },
            { "name": "c", "type": "LIF", "size": 100, "params": { "v_thresh": 1, "v_reset": 0, "v_rest": 0 }, "node": 0 },
            { "name": "d", "type": "LIF", "size": 100, "params": { "v_thresh": 1, "v_reset": 0, "v_rest": 0 }, "node": 1 }
          ],
          "connections": [
            { "from": "a", "to": "b", "weights": { "generator": "bernoulli", "p": 0.1, "weight": 0.3 } },
            { "from": "b", "to": "c", "weights": { "generator": "bernoulli", "p": 0.2, "weight": 0.6 } },
            { "from": "c", "to": "d", "weights": { "generator": "bernoulli", "p": 0.2, "weight": 0.6 } }
          ]
        }
        """;

    [Fact]
    public async Task Layers_pinned_to_nodes_run_there_and_a_zero_delay_chain_across_nodes_does_not_deadlock()
    {
        using var workers = new Workers();
        var net = Path.Combine(TempDir(), "chain.json");
        File.WriteAllText(net, PinnedChain);
        var single = TempDir();
        Assert.Equal(0, (await Exec("run", net, "--out", single, "--no-plot")).Code);
        var spread = TempDir();
        var (code, _, err) = await Exec("run", net, "--out", spread, "--no-plot", "--seed-nodes", workers.Seed, "--min-nodes", "2");
        Assert.True(code == 0, err);
        var spikes = File.ReadAllText(Path.Combine(single, "spikes.csv"));
        Assert.Contains(",d,", spikes);
        Assert.Equal(spikes, File.ReadAllText(Path.Combine(spread, "spikes.csv")));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(spread, "summary.json")));
        var nodes = summary.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("node").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"akka.tcp://eventspike@127.0.0.1:{workers.Ports.Order().ToList()[i % 2]}"), nodes);
        // a and c each send their own message to the other node: sharing one would wait for c, which waits for b, which waits for a.
        var between = summary.RootElement.GetProperty("traffic").EnumerateArray()
            .Where(t => t.GetProperty("from").GetString()!.StartsWith("akka") && t.GetProperty("to").GetString()!.StartsWith("akka")).ToList();
        Assert.Equal([10L, 20L], between.Select(t => t.GetProperty("messages").GetInt64()).Order());

        var wrong = Path.Combine(TempDir(), "wrong.json");
        File.WriteAllText(wrong, PinnedChain.Replace("\"node\": 1 }", "\"node\": 5 }"));
        (code, _, err) = await Exec("run", wrong, "--out", TempDir(), "--no-plot", "--seed-nodes", workers.Seed, "--min-nodes", "2");
        Assert.Equal(2, code);
        Assert.Contains("layer 'b': node 5 does not exist; 2 worker node(s) joined", err);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_stops_the_run_with_exit_3_naming_the_node()
    {
        using var workers = new Workers();
        var dir = TempDir();
        using var run = Start("run", Example("reservoir.json"), "--duration", "30", "--realtime", "--out", dir, "--no-plot",
            "--seed-nodes", workers.Seed, "--min-nodes", "2");
        var lines = new List<string>();
        var placed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await run.StandardError.ReadLineAsync() is { } line)
            {
                lock (lines) lines.Add(line);
                if (line.StartsWith("cluster: ")) placed.TrySetResult();
            }
        });
        await placed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        var clock = Stopwatch.StartNew();
        workers.Nodes[1].Kill(entireProcessTree: true);
        await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(40)).Token);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        Assert.Equal(3, run.ExitCode);
        await reading;
        string err;
        lock (lines) err = string.Join("\n", lines);
        Assert.Contains($"node akka.tcp://eventspike@127.0.0.1:{workers.Ports[1]} was lost", err);
        Assert.False(File.Exists(Path.Combine(dir, "summary.json")));
        Assert.False(File.Exists(Path.Combine(dir, "spikes.csv")));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    /// <summary>A self-signed PKCS#12 certificate made for the test.</summary>
    private static string Certificate(string name)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN={name}", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var path = Path.Combine(TempDir(), name + ".pfx");
        File.WriteAllBytes(path, cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret"));
        return path;
    }

    [Fact]
    public async Task With_TLS_a_node_with_the_cluster_certificate_runs_and_one_without_cannot_join()
    {
        var good = Certificate("cluster");
        var other = Certificate("intruder");
        var port = FreePort();
        using var node = Start("node", "--port", port.ToString(), "--threads", "1", "--tls-cert", good, "--tls-password", "secret");
        try
        {
            Assert.StartsWith($"node up at akka.ssl.tcp://eventspike@127.0.0.1:{port}", node.StandardOutput.ReadLine());
            var seed = $"127.0.0.1:{port}";
            var ok = await Exec("run", Example("reservoir.json"), "--duration", "0.1", "--out", TempDir(), "--no-plot",
                "--seed-nodes", seed, "--tls-cert", good, "--tls-password", "secret");
            Assert.True(ok.Code == 0, ok.Err);
            var refused = await Exec("run", Example("reservoir.json"), "--duration", "0.1", "--out", TempDir(), "--no-plot",
                "--seed-nodes", seed, "--tls-cert", other, "--tls-password", "secret", "--join-timeout", "4");
            Assert.Equal(2, refused.Code);
            Assert.Contains("only 0 of 1 worker node(s) joined", refused.Err);
            var plain = await Exec("run", Example("reservoir.json"), "--duration", "0.1", "--out", TempDir(), "--no-plot",
                "--seed-nodes", seed, "--join-timeout", "4");
            Assert.Equal(2, plain.Code);
            var wrongPassword = await Exec("node", "--tls-cert", good, "--tls-password", "nope");
            Assert.Equal(2, wrongPassword.Code);
            Assert.Contains("cannot read the certificate", wrongPassword.Err);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("reservoir.json", "6", "0")]
    [InlineData("brunel-ei.json", "1.5", "3000")] // exc in 3 shards over both workers
    public async Task With_checkpoints_a_lost_worker_s_layers_resume_elsewhere_and_the_spikes_are_those_of_an_undisturbed_run(
        string network, string duration, string shardSize)
    {
        var reference = TempDir();
        Assert.Equal(0, (await Exec("run", Example(network), "--duration", duration, "--out", reference, "--no-plot")).Code);
        using var workers = new Workers();
        var dir = TempDir();
        using var run = Start("run", Example(network), "--duration", duration, "--realtime", "--checkpoint-every", "0.5",
            "--on-node-loss", "resume", "--out", dir, "--no-plot", "--seed-nodes", workers.Seed, "--min-nodes", "2", "--shard-size", shardSize);
        var lines = new List<string>();
        var placed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await run.StandardError.ReadLineAsync() is { } line)
            {
                lock (lines) lines.Add(line);
                if (line.StartsWith("checkpoint: ")) placed.TrySetResult();
            }
        });
        // Kill a worker once the run is under way with a checkpoint written.
        await placed.Task.WaitAsync(TimeSpan.FromSeconds(90));
        workers.Nodes[1].Kill(entireProcessTree: true);
        await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        await reading;
        string err;
        lock (lines) err = string.Join("\n", lines);
        Assert.True(run.ExitCode == 0, err);
        Assert.Contains("resuming from", err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
        var summary = File.ReadAllText(Path.Combine(dir, "summary.json"));
        Assert.Contains($"\"lost_nodes\": [\n    \"akka.tcp://eventspike@127.0.0.1:{workers.Ports[1]}\"", summary);
    }

    [Fact]
    public async Task A_cluster_that_does_not_form_in_time_is_exit_2_naming_how_many_joined()
    {
        var (code, _, err) = await Exec("run", Example("reservoir.json"), "--seed-nodes", $"127.0.0.1:{FreePort()}", "--min-nodes", "2",
            "--join-timeout", "2", "--out", TempDir());
        Assert.Equal(2, code);
        Assert.Contains("only 0 of 2 worker node(s) joined within 2 s", err);
    }
}
