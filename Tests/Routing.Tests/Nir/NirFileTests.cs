using EventSpike.Routing.Nir;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Routing.Tests.Nir;

/// <summary>NIR HDF5 files read and written through PureHDF: the example graphs other frameworks wrote and the NIR repository's test topologies.</summary>
public class NirFileTests
{
    public static IEnumerable<object[]> Topologies => NirTopologies.All.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> Examples =>
    [
        ["lif_norse.nir"], ["lif_rockpool.nir"], ["braille_noDelay_bias_zero.nir"], ["braille_noDelay_bias_zero_subgraph.nir"],
        ["braille_noDelay_noBias_subtract.nir"], ["braille_noDelay_noBias_subtract_subgraph.nir"], ["cnn_sinabs.nir"], ["two_lif_neurons.nir"],
    ];

    private static string Temp() => Path.Combine(Path.GetTempPath(), "eventspike-tests", Guid.NewGuid().ToString("N") + ".nir");

    [Theory]
    [MemberData(nameof(Topologies))]
    public void A_test_topology_survives_write_then_read(string name)
    {
        var graph = NirTopologies.All[name];
        var path = Temp();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        NirFile.Write(path, graph);
        var back = NirFile.Read(path);
        Assert.True(NirGraph.Difference(graph, back) is null, NirGraph.Difference(graph, back));
        Assert.Equal(NirGraph.DefaultVersion, back.Version);
        Assert.True(NirFile.Looks(path));
    }

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void An_example_graph_survives_read_write_read(string name)
    {
        var source = SharedFiles.Find("data/nir/" + name);
        Skip.If(source is null, $"shared/data/nir/{name} is not present beside the repository: this test did not run");
        var graph = NirFile.Read(source!);
        Assert.NotEmpty(graph.Nodes);
        var path = Temp();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        NirFile.Write(path, graph);
        var back = NirFile.Read(path);
        Assert.True(NirGraph.Difference(graph, back) is null, NirGraph.Difference(graph, back));
        Assert.Equal(graph.Version, back.Version);
        // a changed value is a difference (the comparison can fail)
        var (first, node) = graph.Nodes.First(n => n.Value.Fields.Values.Any(f => !f.IsText));
        var field = node.Fields.First(f => !f.Value.IsText);
        var changed = node with { Fields = new Dictionary<string, NirField>(node.Fields) { [field.Key] = field.Value with { Data = field.Value.Data.Select(x => x + 1).ToArray() } } };
        var altered = graph with { Nodes = graph.Nodes.Select(n => n.Key == first ? new KeyValuePair<string, NirNode>(first, changed) : n).ToList() };
        Assert.NotNull(NirGraph.Difference(graph, altered));
    }

    [SkippableFact]
    public void The_norse_lif_graph_reads_as_the_readme_says()
    {
        var source = SharedFiles.Find("data/nir/lif_norse.nir");
        Skip.If(source is null, "shared/data/nir/lif_norse.nir is not present beside the repository: this test did not run");
        var graph = NirFile.Read(source!);
        Assert.Equal("0.1.1", graph.Version);
        Assert.Equal(["0", "1", "input", "output"], graph.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        var lif = graph.Node("1")!;
        Assert.Equal("LIF", lif.Type);
        Assert.Equal(0.0025, lif.Field("tau")!.Data[0], 8);
        Assert.Equal(NirFieldKind.Float32, lif.Field("tau")!.Kind);
        Assert.Equal(0.1, lif.Field("v_threshold")!.Data[0], 7);
        Assert.Equal([("input", "0"), ("0", "1"), ("1", "output")], graph.Edges.OrderBy(e => e.From == "input" ? 0 : e.From == "0" ? 1 : 2));
    }
}
