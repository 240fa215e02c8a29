using PureHDF;

namespace EventSpike.Routing.Nir;

/// <summary>Walks an opened HDF5 file into a <see cref="NirGraph"/>, keeping track of where it is for messages.</summary>
internal sealed class NirHdf5Reader(string path, long fileLength)
{
    /// <summary>Nested graphs deeper than this are refused (a corrupt file could loop).</summary>
    public const int MaxDepth = 32;

    /// <summary>The most values one field may hold: a compressed dataset may be larger than the file, not without bound.</summary>
    private readonly long _maxValues = Math.Min(1L << 27, Math.Max(1L << 16, fileLength * 1024));

    /// <summary>Where reading is (node path and field), for messages.</summary>
    public string Where { get; private set; } = "root";

    public NirGraph ReadRoot(IH5Group file)
    {
        Where = "version";
        string version = "";
        if (file.LinkExists("version") && file.Get("version") is IH5Dataset v) version = Strings(v, "version").FirstOrDefault() ?? "";
        else if (file is IH5Object o && o.AttributeExists("version")) version = AttributeText(o.Attribute("version"));
        Where = "node";
        if (!file.LinkExists("node") || file.Get("node") is not IH5Group root)
            throw Error("node", "no 'node' group: not a NIR graph");
        var node = ReadNode(root, "", 0);
        if (node.Graph is null) throw Error("node", $"the top node is a {node.Type}, not a NIRGraph");
        return node.Graph with { Version = version };
    }

    private NirNode ReadNode(IH5Group group, string name, int depth)
    {
        var at = name.Length == 0 ? "node" : $"node '{name}'";
        if (depth > MaxDepth) throw Error(at, $"graphs nested deeper than {MaxDepth}");
        Where = $"{at}, field 'type'";
        if (!group.LinkExists("type") || group.Get("type") is not IH5Dataset typeSet) throw Error(at, "missing field 'type'");
        var type = Strings(typeSet, "type").FirstOrDefault() ?? throw Error(at, "field 'type' is empty");
        var fields = new Dictionary<string, NirField>(StringComparer.Ordinal);
        IH5Group? nodes = null;
        IH5Dataset? edges = null;
        foreach (var child in group.Children())
        {
            Where = $"{at}, field '{child.Name}'";
            if (child.Name == "type") continue;
            if (type == NirNode.GraphType && child.Name == "nodes" && child is IH5Group g) nodes = g;
            else if (type == NirNode.GraphType && child.Name == "edges" && child is IH5Dataset e) edges = e;
            else if (child is IH5Dataset d) fields[child.Name] = Field(d, $"{at}, field '{child.Name}'");
            // other groups (metadata, input_type dictionaries) carry nothing EventSpike runs
        }
        if (type != NirNode.GraphType) return new NirNode(type, fields);
        if (nodes is null) throw Error(at, "a NIRGraph needs a 'nodes' group");
        var list = new List<KeyValuePair<string, NirNode>>();
        foreach (var child in nodes.Children())
        {
            var childName = name.Length == 0 ? child.Name : $"{name}.{child.Name}";
            if (child is not IH5Group g) throw Error($"node '{childName}'", "a node must be an HDF5 group");
            list.Add(new(child.Name, ReadNode(g, childName, depth + 1)));
        }
        Where = $"{at}, field 'edges'";
        var edgeList = edges is null ? [] : Edges(edges, $"{at}, field 'edges'");
        return new NirNode(type, fields, new NirGraph(list, edgeList));
    }

    private List<(string, string)> Edges(IH5Dataset d, string at)
    {
        var dims = d.Space.Dimensions;
        if (dims.Length == 1 && dims[0] == 0) return [];
        if (d.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw Error(at, $"edges must be strings, found {d.Type.Class}");
        if (dims.Length != 2 || dims[1] != 2) throw Error(at, $"edges must be N×2, found [{string.Join("×", dims)}]");
        var flat = Strings(d, at);
        return Enumerable.Range(0, flat.Length / 2).Select(k => (flat[2 * k], flat[2 * k + 1])).ToList();
    }

    private NirField Field(IH5Dataset d, string at)
    {
        var dims = d.Space.Dimensions;
        var count = 1L;
        foreach (var x in dims)
        {
            if (x > (ulong)_maxValues) throw Error(at, $"{x} values along one dimension, more than a NIR field may hold");
            count *= (long)x;
            if (count > _maxValues) throw Error(at, $"more than {_maxValues} values");
        }
        var shape = dims.Select(x => (int)x).ToArray();
        var type = d.Type;
        switch (type.Class)
        {
            case H5DataTypeClass.String:
            case H5DataTypeClass.VariableLength:
                var texts = Strings(d, at);
                if (texts.Length != 1) throw Error(at, $"a text field must hold one string, found {texts.Length}");
                return NirField.String(texts[0]);
            case H5DataTypeClass.FloatingPoint:
                return type.Size switch
                {
                    4 => new NirField(d.Read<float[]>().Select(x => (double)x).ToArray(), shape, NirFieldKind.Float32),
                    8 => new NirField(d.Read<double[]>(), shape, NirFieldKind.Float64),
                    _ => throw Error(at, $"{type.Size}-byte floats are not supported"),
                };
            case H5DataTypeClass.FixedPoint:
                return new NirField(Integers(d, type.Size, type.FixedPoint.IsSigned, at), shape, NirFieldKind.Integer);
            case H5DataTypeClass.Enumerated:
                return new NirField(d.Read<byte[]>().Select(x => (double)x).ToArray(), shape, NirFieldKind.Integer);
            default:
                throw Error(at, $"HDF5 type {type.Class} is not a NIR field type");
        }
    }

    private double[] Integers(IH5Dataset d, int size, bool signed, string at) => (size, signed) switch
    {
        (1, true) => d.Read<sbyte[]>().Select(x => (double)x).ToArray(),
        (1, false) => d.Read<byte[]>().Select(x => (double)x).ToArray(),
        (2, true) => d.Read<short[]>().Select(x => (double)x).ToArray(),
        (2, false) => d.Read<ushort[]>().Select(x => (double)x).ToArray(),
        (4, true) => d.Read<int[]>().Select(x => (double)x).ToArray(),
        (4, false) => d.Read<uint[]>().Select(x => (double)x).ToArray(),
        (8, true) => d.Read<long[]>().Select(x => (double)x).ToArray(),
        (8, false) => d.Read<ulong[]>().Select(x => (double)x).ToArray(),
        _ => throw Error(at, $"{size}-byte integers are not supported"),
    };

    private string[] Strings(IH5Dataset d, string at)
    {
        if (d.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw Error(at, $"expected a string, found {d.Type.Class}");
        var count = d.Space.Dimensions.Aggregate(1UL, (a, b) => a * b);
        if (count > (ulong)_maxValues) throw Error(at, "too many strings");
        return d.Read<string[]>().Select(s => s ?? "").ToArray();
    }

    private static string AttributeText(IH5Attribute a) => a.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength
        ? a.Read<string[]>().FirstOrDefault() ?? ""
        : "";

    private NirFormatException Error(string at, string what) => new($"{path}: {at}: {what}");
}
