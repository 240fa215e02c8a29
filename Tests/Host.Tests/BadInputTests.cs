using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class BadInputTests
{
    private static string Network(string json)
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Good = """
        {
          "dt": 0.0001, "duration": 0.05, "seed": 1,
          "layers": [
            { "name": "in", "type": "PoissonSource", "size": 3, "params": { "rate": 50 } },
            { "name": "lif", "type": "LIF", "size": 2 }
          ],
          "connections": [ { "from": "in", "to": "lif", "weights": [[1, 0], [0, 1], [1, 1]] } ]
        }
        """;

    private static void AssertBadInput((int Code, string Out, string Err) r, params string[] fragments)
    {
        Assert.Equal(2, r.Code);
        foreach (var f in fragments) Assert.Contains(f, r.Err);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void The_good_network_runs() => Assert.Equal(0, Run("run", Network(Good), "--out", TempDir(), "--no-plot").Code);

    [Fact]
    public void Missing_network_file() =>
        AssertBadInput(Run("run", "/nonexistent/net.json", "--out", TempDir()), "/nonexistent/net.json", "not found");

    [Fact]
    public void Malformed_json_gives_line_and_column()
    {
        var path = Network("{\n  \"dt\": 0.0001,\n  \"duration\": 0.05\n  \"layers\": []\n}");
        AssertBadInput(Run("run", path, "--out", TempDir()), path, "line 4, column 3", "malformed JSON");
    }

    [Fact]
    public void A_syntax_error_gives_its_position_once_one_based()
    {
        var path = Network("{\n  \"dt\": 0.0001,\n  \"duration\": 0.05\n  \"layers\": []\n}");
        var r = Run("run", path, "--out", TempDir());
        AssertBadInput(r, "line 4, column 3");
        Assert.DoesNotContain("LineNumber", r.Err);
        Assert.DoesNotContain("BytePosition", r.Err);
    }

    [Fact]
    public void Duration_and_dt_on_the_command_line_satisfy_a_file_that_has_none()
    {
        var path = Network(Good.Replace("\"dt\": 0.0001, \"duration\": 0.05,", ""));
        var dir = TempDir();
        var r = Run("run", path, "--duration", "0.02", "--dt", "0.0001", "--out", dir, "--no-plot");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("0.02 s simulated", r.Out);
        AssertBadInput(Run("run", path, "--dt", "0.0001", "--out", TempDir()), path, "duration", "--duration");
        AssertBadInput(Run("run", path, "--duration", "0.02", "--out", TempDir()), path, "dt", "--dt");
    }

    [Fact]
    public void Unknown_layer_type_lists_the_known_ones() =>
        AssertBadInput(Run("run", Network(Good.Replace("\"LIF\"", "\"LIFF\"")), "--out", TempDir()),
            "layers[1]", "'lif'", "unknown layer type 'LIFF'", "known: ", "PoissonSource", "RecIAFSpkInTorch");

    [Fact]
    public void A_connection_naming_an_unknown_layer() =>
        AssertBadInput(Run("run", Network(Good.Replace("\"to\": \"lif\"", "\"to\": \"lfi\"")), "--out", TempDir()),
            "connections[0]", "unknown layer 'lfi'");

    [Fact]
    public void Weights_of_the_wrong_shape() =>
        AssertBadInput(Run("run", Network(Good.Replace("[[1, 0], [0, 1], [1, 1]]", "[[1, 0], [0, 1]]")), "--out", TempDir()),
            "connections[0] (in → lif)", "weights are 2×2, expected 3×2");

    [Theory]
    [InlineData("\"dt\": 0.0001", "\"dt\": 0", "dt must be > 0")]
    [InlineData("\"dt\": 0.0001", "\"dt\": -1e-4", "dt must be > 0")]
    [InlineData("\"duration\": 0.05", "\"duration\": 0", "duration must be > 0")]
    public void Non_positive_dt_or_duration(string from, string to, string message) =>
        AssertBadInput(Run("run", Network(Good.Replace(from, to)), "--out", TempDir()), message);

    [Theory]
    [InlineData("--duration", "0")]
    [InlineData("--duration", "-2")]
    [InlineData("--dt", "abc")]
    [InlineData("--shard-size", "-1")]
    [InlineData("--shard-size", "many")]
    public void Non_positive_options(string option, string value) =>
        AssertBadInput(Run("run", Network(Good), option, value, "--out", TempDir()), option);

    private const string Cycle = """
        {
          "dt": 0.0001, "duration": 0.05,
          "layers": [
            { "name": "a", "type": "LIF", "size": 2 },
            { "name": "b", "type": "LIF", "size": 2, "dt": DT }
          ],
          "connections": [
            { "from": "a", "to": "b", "weights": { "generator": "one_to_one", "weight": 1 } },
            { "from": "b", "to": "a", "weights": { "generator": "one_to_one", "weight": 1 }, "delay": DELAY }
          ]
        }
        """;

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void A_layer_pinned_to_something_that_is_not_a_node_is_refused(string node) =>
        AssertBadInput(Run("run", Network(Good.Replace("\"size\": 2 }", $"\"size\": 2, \"node\": {node} }}")), "--out", TempDir()),
            "layers[1].node", "worker index");

    [Fact]
    public void A_cycle_of_zero_delay_connections_is_refused_naming_its_layers() =>
        AssertBadInput(Run("run", Network(Cycle.Replace("DT", "0.0001").Replace("DELAY", "0")), "--out", TempDir()), "zero-delay", "a → b → a");

    [Fact]
    public void A_layer_dt_that_is_not_a_multiple_of_the_network_dt_is_refused() =>
        AssertBadInput(Run("run", Network(Cycle.Replace("DT", "0.00015").Replace("DELAY", "0.001")), "--out", TempDir()),
            "'b'", "not a whole multiple of the network's dt");

    [Fact]
    public void An_unknown_parameter_is_named() =>
        AssertBadInput(Run("run", Network(Good.Replace("\"rate\": 50", "\"rates\": 50")), "--out", TempDir()),
            "'in'", "unknown parameter 'rates'");

    [Fact]
    public void An_output_folder_that_cannot_be_written()
    {
        var blocker = Path.Combine(TempDir(), "a-file");
        File.WriteAllText(blocker, "x");
        AssertBadInput(Run("run", Network(Good), "--out", Path.Combine(blocker, "sub")), "--out", "cannot be written");
        AssertBadInput(Run("run", Network(Good), "--out", blocker), "is a file");
    }

    [Fact]
    public void Unknown_options_and_commands()
    {
        AssertBadInput(Run("run", Network(Good), "--durration", "1"), "unknown option --durration");
        AssertBadInput(Run("runn"), "unknown command 'runn'");
    }

    [Fact]
    public void A_bad_run_leaves_earlier_outputs_whole_and_no_temporary_files()
    {
        var dir = TempDir();
        Assert.Equal(0, Run("run", Network(Good), "--out", dir, "--no-plot").Code);
        var before = File.ReadAllBytes(Path.Combine(dir, "spikes.csv"));
        var summary = File.ReadAllBytes(Path.Combine(dir, "summary.json"));
        AssertBadInput(Run("run", Network(Good.Replace("\"LIF\"", "\"LIFF\"")), "--out", dir), "LIFF");
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "spikes.csv")));
        Assert.Equal(summary, File.ReadAllBytes(Path.Combine(dir, "summary.json")));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }
}
