namespace EventSpike.Routing.Nir;

/// <summary>
/// Infers and checks the shape every node of an opened graph takes and gives: from its fields where
/// they say (weights, parameters, <c>shape</c>, <c>input_shape</c>), else from the node feeding it
/// (pooling, a convolution without input_shape, Flatten without input_type). Every edge must carry
/// as many values as its target takes.
/// </summary>
public sealed class NirShapes
{
    private readonly NirFlatGraph _graph;
    private readonly string _where;
    private readonly Dictionary<string, (int[] In, int[] Out)> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NirConvGeometry> _geometry = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _incoming = new(StringComparer.Ordinal);

    public NirShapes(NirFlatGraph graph, string where)
    {
        _graph = graph;
        _where = where;
        foreach (var (name, node) in graph.Nodes) NirPrimitives.Check(name, node, where);
        foreach (var (from, to) in graph.Edges)
        {
            if (!_incoming.TryGetValue(to, out var list)) _incoming[to] = list = new List<string>();
            list.Add(from);
        }
        foreach (var (name, _) in graph.Nodes) Of(name);
        foreach (var (from, to) in graph.Edges)
        {
            var (gives, takes) = (Size(Of(from).Out), Size(Of(to).In));
            if (gives != takes)
                throw new NirFormatException($"{where}: edge {from} → {to}: '{from}' gives {gives} values ([{string.Join(", ", Of(from).Out)}]), '{to}' takes {takes} ([{string.Join(", ", Of(to).In)}])");
        }
    }

    public int[] InputShape(string name) => Of(name).In;
    public int[] OutputShape(string name) => Of(name).Out;

    /// <summary>The geometry of a convolution or pooling node.</summary>
    public NirConvGeometry Geometry(string name) => _geometry[name];

    public static int Size(int[] shape) => (int)Math.Min(int.MaxValue, shape.Aggregate(1L, (a, b) => a * b));

    private (int[] In, int[] Out) Of(string name)
    {
        if (_shapes.TryGetValue(name, out var known)) return known;
        if (!_visiting.Add(name)) throw new NirFormatException($"{_where}: node '{name}': its input shape depends on itself; give it input_shape/input_type");
        var shapes = Infer(name, _graph[name]);
        if (shapes.In.Any(d => d < 1) || shapes.Out.Any(d => d < 1) || shapes.In.Aggregate(1L, (a, b) => a * b) > 1 << 28 || shapes.Out.Aggregate(1L, (a, b) => a * b) > 1 << 28)
            throw new NirFormatException($"{_where}: node '{name}' ({_graph[name].Type}): shape [{string.Join(", ", shapes.Out)}] is empty or too large");
        _visiting.Remove(name);
        return _shapes[name] = shapes;
    }

    private (int[] In, int[] Out) Infer(string name, NirNode node)
    {
        switch (node.Type)
        {
            case "Input" or "Output" or NirFlatGraph.Identity:
                var shape = NirPrimitives.Ints(name, node, "shape", _where);
                if (shape.Length == 0) shape = [1];
                return (shape, shape);
            case "Affine" or "Linear":
                var w = node.Field("weight")!;
                if (w.Shape.Length != 2) throw Error(name, node, "weight", $"must be a matrix (out × in), found {w.ShapeText}");
                if (node.Field("bias") is { } b && b.Count != w.Shape[0] && b.Count != 1) throw Error(name, node, "bias", $"has {b.Count} values for {w.Shape[0]} outputs");
                return ([w.Shape[1]], [w.Shape[0]]);
            case "Scale": return Same(node.Field("scale")!);
            case "Threshold": return Same(node.Field("threshold")!);
            case "Delay":
                var delay = node.Field("delay")!;
                if (delay.Data.Any(x => x < 0)) throw Error(name, node, "delay", "must be ≥ 0 s");
                return Same(delay);
            case "Flatten": return Flatten(name, node);
            case "Conv1d" or "Conv2d":
                var dims = node.Type == "Conv1d" ? 1 : 2;
                var spatial = node.Field("input_shape") is not null ? NirPrimitives.Ints(name, node, "input_shape", _where) : Predecessor(name)[1..];
                if (spatial.Length != dims) throw Error(name, node, "input_shape", $"must give {dims} extents, found {spatial.Length}");
                var conv = _geometry[name] = NirConvGeometry.Conv(name, node, spatial, _where);
                return (conv.InShape, conv.OutShape);
            case "SumPool2d" or "AvgPool2d":
                var pool = _geometry[name] = NirConvGeometry.Pool(name, node, Predecessor(name), _where);
                return (pool.InShape, pool.OutShape);
            default:
                return Neuron(name, node);
        }
    }

    private static (int[], int[]) Same(NirField f)
    {
        var shape = f.Shape.Length == 0 ? [1] : f.Shape;
        return (shape, shape);
    }

    /// <summary>A neuron's shape is its first required parameter's; every other parameter has as many values, or one.</summary>
    private (int[], int[]) Neuron(string name, NirNode node)
    {
        var first = node.Type switch { "LI" or "LIF" => "tau", "CubaLI" or "CubaLIF" => "tau_mem", _ => "r" };
        var (shape, _) = Same(node.Field(first)!);
        var size = Size(shape);
        foreach (var (field, value) in node.Fields)
            if (value.Count != size && value.Count != 1)
                throw Error(name, node, field, $"has {value.Count} values ({value.ShapeText}), '{first}' has {size} ({string.Join("×", shape)})");
        return (shape, shape);
    }

    private (int[], int[]) Flatten(string name, NirNode node)
    {
        var input = node.Field("input_type") is not null ? NirPrimitives.Ints(name, node, "input_type", _where) : Predecessor(name);
        var start = NirPrimitives.Ints(name, node, "start_dim", _where) is [var s] ? s : throw Error(name, node, "start_dim", "must be one number");
        var end = NirPrimitives.Ints(name, node, "end_dim", _where) is [var e] ? e : throw Error(name, node, "end_dim", "must be one number");
        if (start < 0) start += input.Length;
        if (end < 0) end += input.Length;
        if (start < 0 || end >= input.Length || start > end)
            throw Error(name, node, "start_dim", $"dimensions {start}..{end} do not lie in an input of {input.Length} dimensions");
        var merged = input[start..(end + 1)].Aggregate(1, (a, b) => a * b);
        return (input, [.. input[..start], merged, .. input[(end + 1)..]]);
    }

    private int[] Predecessor(string name)
    {
        if (!_incoming.TryGetValue(name, out var from) || from.Count == 0)
            throw new NirFormatException($"{_where}: node '{name}' ({_graph[name].Type}): no edge comes in and no field gives its input shape");
        return Of(from[0]).Out;
    }

    private NirFormatException Error(string name, NirNode node, string field, string what) =>
        new($"{_where}: node '{name}' ({node.Type}): field '{field}' {what}");
}
