using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class InputAndSeriesTests
{
    private const string Chain = """
        {
          "dt": 0.001, "duration": 0.1, "seed": 1,
          "layers": [
            { "name": "input", "type": "PoissonSource", "size": 4, "params": { "rate": 0 } },
            { "name": "relay", "type": "LIF", "size": 4, "params": { "tau_syn": 1e-5, "v_thresh": 0.5, "v_reset": 0, "v_rest": 0 } }
          ],
          "connections": [ { "from": "input", "to": "relay", "weights": { "generator": "one_to_one", "weight": 5000 }, "delay": 0.003 } ]
        }
        """;

    private static string Write(string name, string text)
    {
        var path = Path.Combine(TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Input_events_replace_a_source_and_every_recorded_layer_is_saved_as_npz()
    {
        var net = Write("net.json", Chain);
        var events = Path.Combine(TempDir(), "events.npz");
        // Events at 10 ms (step 10), 10.5 ms (step 10), 50 ms (step 50), 99.9 ms (step 99) and 100 ms (outside).
        new TSEvent([0.010, 0.0105, 0.050, 0.0999, 0.1], [0, 3, 2, 1, 0], numChannels: 4).Save(events);
        var dir = TempDir();
        var (code, _, err) = Run("run", net, "--input", $"input={events}", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);

        var input = TSEvent.Load(Path.Combine(dir, "input.npz"));
        Assert.Equal([0.011, 0.011, 0.051, 0.1], input.Times.Select(t => Math.Round(t, 9)));
        Assert.Equal([0, 3, 2, 1], input.Channels);
        Assert.Equal(0.0, input.TStart);
        Assert.Equal(0.1, input.TStop, 12);
        Assert.Equal(4, input.NumChannels);
        Assert.Equal("input", input.Name);

        // The relay fires in the step its input arrives, 3 steps after the source spike.
        var relay = TSEvent.Load(Path.Combine(dir, "relay.npz"));
        Assert.Equal([0.014, 0.014, 0.054], relay.Times.Select(t => Math.Round(t, 9)));
        Assert.Equal([0, 3, 2], relay.Channels);
        var csvRows = File.ReadAllLines(Path.Combine(dir, "spikes.csv")).Length - 1;
        Assert.Equal(input.Count + relay.Count, csvRows);
    }

    [Fact]
    public void A_continuous_input_drives_the_current_port()
    {
        var net = Write("net.json", Chain.Replace("\"tau_syn\": 1e-5, \"v_thresh\": 0.5", "\"tau_syn\": 1e-5, \"v_thresh\": 0.5, \"tau_mem\": 0.02"));
        var current = Path.Combine(TempDir(), "current.npz");
        // A constant current of 2 (V∞ = 2 > threshold 0.5) on channel 1 only.
        new TSContinuous([0.0, 0.2], new double[,] { { 0, 2, 0, 0 }, { 0, 2, 0, 0 } }).Save(current);
        var dir = TempDir();
        var (code, _, err) = Run("run", net, "--input", $"relay={current}", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        var relay = TSEvent.Load(Path.Combine(dir, "relay.npz"));
        Assert.True(relay.Count > 3);
        Assert.All(relay.Channels, c => Assert.Equal(1, c));
        // First crossing: 0.5 = 2·(1 − e^(−t/20 ms)) → t = 5.75 ms, found in step 5 and stamped 6 ms.
        Assert.Equal(0.006, relay.Times[0], 9);
    }

    [Fact]
    public void Bad_input_files_give_exit_2_naming_the_file()
    {
        var net = Write("net.json", Chain);
        var truncated = Path.Combine(TempDir(), "bad.npz");
        new TSEvent([0.01], [0], numChannels: 4).Save(truncated);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        foreach (var (arg, fragment) in new[]
        {
            ($"input={truncated}", truncated),
            ("input=/nonexistent.npz", "/nonexistent.npz: input file not found"),
            ($"nolayer={truncated}", "no layer 'nolayer'"),
            ("input", "expected LAYER=FILE"),
        })
        {
            var (code, _, err) = Run("run", net, "--input", arg, "--out", TempDir());
            Assert.Equal(2, code);
            Assert.Contains(fragment, err);
            Assert.DoesNotContain("   at ", err);
        }
        var wide = Path.Combine(TempDir(), "wide.npz");
        new TSEvent([0.01], [7], numChannels: 8).Save(wide);
        var r = Run("run", net, "--input", $"input={wide}", "--out", TempDir());
        Assert.Equal(2, r.Code);
        Assert.Contains("8 channels", r.Err);
    }

    [Fact]
    public void Npz_inputs_with_mismatched_lengths_or_a_wrong_dtype_name_the_file_and_key()
    {
        var net = Write("net.json", Chain);
        NpyArray Scalar(double v) => NpyArray.Of([v], []);
        var baseKeys = new Dictionary<string, NpyArray>
        {
            ["t_start"] = Scalar(0), ["t_stop"] = Scalar(0.1), ["periodic"] = NpyArray.Of([false], []),
            ["num_channels"] = NpyArray.Of([4L], []), ["name"] = NpyArray.Of(["x"], []), ["str_type"] = NpyArray.Of(["TSEvent"], []),
        };
        var mismatched = Path.Combine(TempDir(), "mismatched.npz");
        Npz.WriteFile(mismatched, new Dictionary<string, NpyArray>(baseKeys)
        {
            ["times"] = NpyArray.Of([0.01, 0.02, 0.03], 3), ["channels"] = NpyArray.Of([0L, 1L], 2),
        });
        var wrongType = Path.Combine(TempDir(), "wrongtype.npz");
        Npz.WriteFile(wrongType, new Dictionary<string, NpyArray>(baseKeys)
        {
            ["times"] = NpyArray.Of(["a", "b"], 2), ["channels"] = NpyArray.Of([0L, 1L], 2),
        });
        foreach (var (file, key) in new[] { (mismatched, "channels"), (wrongType, "times") })
        {
            var (code, _, err) = Run("run", net, "--input", $"input={file}", "--out", TempDir());
            Assert.Equal(2, code);
            Assert.Contains(file, err);
            Assert.Contains(key, err);
            Assert.DoesNotContain("   at ", err);
        }
    }

    [Fact]
    public void Cluster_and_bench_options_are_checked()
    {
        var net = Write("net.json", Chain);
        foreach (var (args, fragment) in new (string[], string)[]
        {
            (["run", net, "--on-node-loss", "resume"], "need --seed-nodes"),
            (["run", net, "--seed-nodes", "127.0.0.1:1", "--on-node-loss", "retry"], "must be stop or resume"),
            (["run", net, "--seed-nodes", "127.0.0.1:1", "--on-node-loss", "resume"], "needs --checkpoint-every"),
            (["run", net, "--seed-nodes", "nohost"], "not HOST:PORT"),
            (["run", net, "--seed-nodes", "127.0.0.1:1", "--tls-cert", "/nonexistent.pfx"], "/nonexistent.pfx: file not found"),
            (["bench", "cuba", "--warmup", "-1"], "--warmup"),
        })
        {
            var (code, _, err) = Run(args);
            Assert.True(code == 2, $"{string.Join(" ", args)}: {err}");
            Assert.Contains(fragment, err);
        }
    }
}
