using System.Text.Json;
using EventSpike.Routing.Nir;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary><c>inspect</c> on NIR graphs and checkpoints; bad NIR files are exit 2 naming the node and the field.</summary>
public class NirInspectAndBadInputTests
{
    private static NirNode Node(string type, params (string Name, NirField Field)[] fields) => new(type, fields.ToDictionary(f => f.Name, f => f.Field));

    private static NirNode Lif(int n, params string[] without)
    {
        var fields = new (string, NirField)[]
        {
            ("tau", NirField.Vector(Enumerable.Repeat(0.01, n).ToArray())), ("r", NirField.Vector(Enumerable.Repeat(1.0, n).ToArray())),
            ("v_leak", NirField.Vector(new double[n])), ("v_threshold", NirField.Vector(Enumerable.Repeat(1.0, n).ToArray())),
        };
        return Node("LIF", fields.Where(f => !without.Contains(f.Item1)).ToArray());
    }

    /// <summary>Input(2) → w (a node) → lif (a node) → Output(2), written to a temporary file.</summary>
    private static string Graph(NirNode weights, NirNode lif)
    {
        var graph = new NirGraph(
            [new("input", Node("Input", ("shape", NirField.Integers(2)))), new("w", weights), new("lif", lif), new("output", Node("Output", ("shape", NirField.Integers(2))))],
            [("input", "w"), ("w", "lif"), ("lif", "output")]);
        var path = Path.Combine(TempDir(), "bad.nir");
        NirFile.Write(path, graph);
        return path;
    }

    private static NirNode Linear(int rows, int cols) => Node("Linear", ("weight", NirField.Floats(new double[rows * cols], rows, cols)));

    public static TheoryData<string, string[]> BadGraphs => new()
    {
        { Graph(Node("Convolution3d", ("weight", NirField.Vector(1))), Lif(2)), ["node 'w'", "unknown NIR primitive 'Convolution3d'"] },
        { Graph(Linear(2, 2), Lif(2, "v_threshold")), ["node 'lif' (LIF)", "missing field 'v_threshold'"] },
        { Graph(Linear(3, 2), Lif(2)), ["edge w → lif", "'w' gives 3 values", "'lif' takes 2"] },
        { Graph(Linear(2, 2), Lif(2) with { Fields = new Dictionary<string, NirField>(Lif(2).Fields) { ["r"] = NirField.Vector(1, 1, 1) } }), ["node 'lif' (LIF)", "field 'r' has 3 values"] },
        { Graph(Node("Linear", ("weight", NirField.Vector(1, 2))), Lif(2)), ["node 'w' (Linear)", "field 'weight' must be a matrix"] },
        { Graph(Linear(2, 2), Lif(2) with { Fields = new Dictionary<string, NirField>(Lif(2).Fields) { ["tau"] = NirField.String("fast") } }), ["node 'lif' (LIF)", "field 'tau' must hold numbers"] },
    };

    [Theory]
    [MemberData(nameof(BadGraphs))]
    public void A_bad_graph_is_exit_2_naming_node_and_field(string path, string[] expected)
    {
        foreach (var args in new[] { new[] { "run", path, "--dt", "0.001", "--duration", "0.01", "--out", TempDir() }, ["inspect", path, "--json"] })
        {
            var (code, _, err) = Run(args);
            Assert.True(code == 2, $"{string.Join(" ", args)}: exit {code}: {err}");
            foreach (var e in expected) Assert.Contains(e, err);
            Assert.DoesNotContain("   at ", err);
        }
    }

    [SkippableFact]
    public void Broken_HDF5_a_non_HDF5_file_and_a_missing_dt_are_exit_2_naming_the_file()
    {
        var bytes = File.ReadAllBytes(NirData.Path("lif_norse.nir"));
        var dir = TempDir();
        var truncated = Path.Combine(dir, "truncated.nir");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
        var text = Path.Combine(dir, "text.nir");
        File.WriteAllText(text, "not a graph");
        foreach (var (args, expected) in new[]
        {
            (new[] { "run", truncated, "--dt", "0.001", "--duration", "0.01" }, "truncated.nir: "),
            (["run", text, "--dt", "0.001", "--duration", "0.01"], "text.nir: not an HDF5 file"),
            (["run", NirData.Path("lif_norse.nir"), "--duration", "0.01"], "give --dt"),
            (["run", NirData.Path("lif_norse.nir"), "--dt", "0.001", "--nir-reset", "halfway"], "--nir-reset must be zero or subtract"),
        })
        {
            var (code, _, err) = Run([.. args, "--out", TempDir()]);
            Assert.True(code == 2, $"{string.Join(" ", args)}: exit {code}: {err}");
            Assert.Contains(expected, err);
        }
    }

    [SkippableFact]
    public void Inspect_json_of_a_graph_gives_kind_nodes_edges_and_layers()
    {
        var (code, stdout, err) = Run("inspect", NirData.Path("cnn_sinabs.nir"), "--json");
        Assert.True(code == 0, err);
        Assert.Single(stdout.Trim().Split('\n'));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("nir", root.GetProperty("kind").GetString());
        Assert.Equal(15, root.GetProperty("nodes").GetArrayLength());
        Assert.Equal(14, root.GetProperty("edges").GetArrayLength());
        var pool = root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "4");
        Assert.Equal("SumPool2d", pool.GetProperty("type").GetString());
        Assert.Equal([16, 16, 16], pool.GetProperty("input_shape").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal([16, 8, 8], pool.GetProperty("output_shape").EnumerateArray().Select(x => x.GetInt32()));
        var layers = root.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("type").GetString(), l.GetProperty("size").GetInt32()));
        Assert.Equal([("input", "NirInput", 2312), ("1", "NirNeuron", 4096), ("3", "NirNeuron", 4096), ("6", "NirNeuron", 512), ("10", "NirNeuron", 256), ("12", "NirNeuron", 10), ("output", "NirOutput", 10)], layers);
    }

    [Fact]
    public void Inspect_of_a_checkpoint_gives_its_step_and_layer_sizes()
    {
        var layers = new[]
        {
            new Actors.Checkpoints.LayerState(0, 500, new Dictionary<string, double[]> { ["v"] = new double[38], ["i"] = new double[38] }, [], [], [], [], [], [], 12, 0.1, 0.2),
            new Actors.Checkpoints.LayerState(1, 500, new Dictionary<string, double[]> { ["v_mem"] = new double[7] }, [], [], [], [], [], [], 3, 0.1, 0.2),
        };
        var store = new Actors.Checkpoints.CheckpointStore(TempDir(), "run-1");
        var path = store.Save(new Actors.Checkpoints.Checkpoint(Actors.Checkpoints.Checkpoint.CurrentVersion, 10, 500, 50, layers, 1234));
        var (code, stdout, err) = Run("inspect", path, "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("checkpoint", root.GetProperty("kind").GetString());
        Assert.Equal(500, root.GetProperty("step").GetInt64());
        Assert.Equal("run-1", root.GetProperty("run_id").GetString());
        Assert.Equal([(38, 12L), (7, 3L)], root.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("size").GetInt32(), l.GetProperty("spikes").GetInt64())));
        File.WriteAllBytes(path, [1, 2, 3]);
        (code, _, err) = Run("inspect", path, "--json");
        Assert.Equal(2, code);
        Assert.Contains("not a readable checkpoint", err);
    }
}
