namespace EventSpike.Routing.Nir;

/// <summary>
/// A NIR graph with its subgraphs opened: every node under its full name (<c>outer.inner</c>), edges
/// between full names. A subgraph's own Input and Output nodes become pass-throughs (type <see cref="Identity"/>)
/// that the edges into and out of the subgraph go through.
/// </summary>
public sealed class NirFlatGraph
{
    /// <summary>The type given to a nested graph's Input and Output nodes.</summary>
    public const string Identity = "Identity";

    private readonly List<KeyValuePair<string, NirNode>> _nodes = new();
    private readonly Dictionary<string, NirNode> _byName = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> _edges = new();
    private readonly List<string> _warnings = new();

    private NirFlatGraph()
    {
    }

    public IReadOnlyList<KeyValuePair<string, NirNode>> Nodes => _nodes;
    public IReadOnlyList<(string From, string To)> Edges => _edges;

    /// <summary>What was resolved with a guess (a dangling edge name), for the user to see.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public NirNode this[string name] => _byName[name];

    public static NirFlatGraph Of(NirGraph graph, string where)
    {
        var flat = new NirFlatGraph();
        flat.Add(graph, "", where);
        return flat;
    }

    private void Add(NirGraph graph, string prefix, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in graph.Nodes)
        {
            if (!seen.Add(name)) throw new NirFormatException($"{where}: node '{prefix}{name}' appears twice");
            if (node.Graph is { } inner)
            {
                Add(inner, prefix + name + ".", where);
                continue;
            }
            var full = prefix + name;
            var flatNode = prefix.Length > 0 && node.Type is "Input" or "Output" ? node with { Type = Identity } : node;
            if (!_byName.TryAdd(full, flatNode)) throw new NirFormatException($"{where}: two nodes are both named '{full}' once subgraphs are opened");
            _nodes.Add(new(full, flatNode));
        }
        foreach (var (from, to) in graph.Edges)
            _edges.Add((Resolve(graph, prefix, from, "Output", where), Resolve(graph, prefix, to, "Input", where)));
    }

    /// <summary>
    /// The flat name an edge end means inside <paramref name="graph"/>: a node, a nested node named
    /// <c>sub.inner</c>, or a subgraph (its single Input or Output node, by <paramref name="end"/>).
    /// A name no node has is taken as the graph's only neuron node, with a warning, as real exporters write such names.
    /// </summary>
    private string Resolve(NirGraph graph, string prefix, string name, string end, string where)
    {
        var node = graph.Node(name);
        if (node is null && name.Contains('.'))
        {
            var dot = name.IndexOf('.');
            if (graph.Node(name[..dot]) is { Graph: { } sub })
                return Resolve(sub, prefix + name[..dot] + ".", name[(dot + 1)..], end, where);
        }
        if (node is null)
        {
            var neurons = graph.Nodes.Where(n => NirPrimitives.IsNeuron(n.Value.Type)).ToList();
            if (neurons.Count != 1)
                throw new NirFormatException($"{where}: edge names '{prefix}{name}', which is no node of {(prefix.Length == 0 ? "the graph" : $"subgraph '{prefix.TrimEnd('.')}'")}; nodes: {string.Join(", ", graph.Nodes.Select(n => n.Key))}");
            _warnings.Add($"{where}: edge names '{prefix}{name}', which is no node; taken as '{prefix}{neurons[0].Key}', the only neuron node there");
            return prefix + neurons[0].Key;
        }
        if (node.Graph is { } nested)
        {
            var ends = nested.Nodes.Where(n => n.Value.Type == end).ToList();
            if (ends.Count != 1)
                throw new NirFormatException($"{where}: edge names subgraph '{prefix}{name}', which has {ends.Count} {end} nodes; name one as '{prefix}{name}.NODE'");
            return Resolve(nested, prefix + name + ".", ends[0].Key, end, where);
        }
        return prefix + name;
    }
}
