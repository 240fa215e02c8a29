namespace EventSpike.Routing.Nir;

/// <summary>
/// A NIR graph: named nodes (a node may be a nested graph) and directed edges between node names
/// (an edge may name a nested node as <c>outer.inner</c>). <see cref="Version"/> is the file's NIR version.
/// </summary>
public sealed record NirGraph(IReadOnlyList<KeyValuePair<string, NirNode>> Nodes, IReadOnlyList<(string From, string To)> Edges, string Version = NirGraph.DefaultVersion)
{
    /// <summary>The NIR version EventSpike writes.</summary>
    public const string DefaultVersion = "0.2.0";

    public NirNode? Node(string name) => Nodes.FirstOrDefault(n => n.Key == name).Value;

    /// <summary>Null when both graphs hold the same nodes (by name, whatever their order), fields and edges (as sets); else the first difference.</summary>
    public static string? Difference(NirGraph a, NirGraph b, string path = "")
    {
        var names = a.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal).ToList();
        var other = b.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal).ToList();
        if (!names.SequenceEqual(other)) return $"{path}nodes [{string.Join(", ", names)}] vs [{string.Join(", ", other)}]";
        var edges = a.Edges.Select(e => $"{e.From}->{e.To}").Order(StringComparer.Ordinal).ToList();
        var otherEdges = b.Edges.Select(e => $"{e.From}->{e.To}").Order(StringComparer.Ordinal).ToList();
        if (!edges.SequenceEqual(otherEdges)) return $"{path}edges [{string.Join(", ", edges)}] vs [{string.Join(", ", otherEdges)}]";
        foreach (var name in names)
        {
            var (x, y) = (a.Node(name)!, b.Node(name)!);
            if (x.Type != y.Type) return $"{path}{name}: type {x.Type} vs {y.Type}";
            var fields = x.Fields.Keys.Order(StringComparer.Ordinal).ToList();
            if (!fields.SequenceEqual(y.Fields.Keys.Order(StringComparer.Ordinal)))
                return $"{path}{name}: fields [{string.Join(", ", fields)}] vs [{string.Join(", ", y.Fields.Keys.Order(StringComparer.Ordinal))}]";
            foreach (var f in fields)
                if (!x.Fields[f].SameAs(y.Fields[f])) return $"{path}{name}.{f}: {x.Fields[f].ShapeText} values differ";
            if ((x.Graph is null) != (y.Graph is null)) return $"{path}{name}: one is a graph, the other not";
            if (x.Graph is not null && Difference(x.Graph, y.Graph!, $"{path}{name}.") is { } inner) return inner;
        }
        return null;
    }
}
