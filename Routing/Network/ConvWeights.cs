using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Routing.Network;

/// <summary>
/// The convolution forms of a connection's <c>weights</c> (docs/network-format.md): <c>{"conv1d": {…}}</c>,
/// <c>{"conv2d": {…}}</c>, <c>{"sumpool2d": {…}}</c>, <c>{"avgpool2d": {…}}</c>, or <c>{"chain": [stage, …]}</c>
/// applied left to right. Read into a <see cref="ConvKernel"/>; the table the connection gets is the kernel's
/// composed map with the kernel attached, so the engine propagates through the kernel.
/// </summary>
public static class ConvWeights
{
    public static readonly IReadOnlyList<string> Forms = ["conv1d", "conv2d", "sumpool2d", "avgpool2d", "chain"];

    /// <summary>True when <paramref name="spec"/> is an object whose one field names a convolution form.</summary>
    public static bool IsKernel(JsonElement spec) =>
        spec.ValueKind == JsonValueKind.Object && spec.EnumerateObject().Any(p => Forms.Contains(p.Name));

    public static WeightPlan Plan(JsonElement spec, int preSize, int postSize, string where)
    {
        var kernel = Read(spec, where);
        if (kernel.InSize != preSize || kernel.OutSize != postSize)
            throw new NetworkSpecException($"{where}: the convolution maps [{string.Join(", ", kernel.Stages[0].InShape)}] ({kernel.InSize}) → " +
                $"[{string.Join(", ", kernel.Stages[^1].OutShape)}] ({kernel.OutSize}); the connection joins {preSize} → {postSize} neurons");
        var expected = (long)kernel.InSize * kernel.Stages.Aggregate(1L, (n, s) => n * s.Fanout);
        return new WeightPlan(expected, _ =>
        {
            var b = new SynapseTableBuilder(preSize, postSize);
            foreach (var (pre, post, w) in kernel.Synapses()) b.Add(pre, post, (float)w);
            return b.Build().WithKernel(kernel);
        });
    }

    /// <summary>The kernel a weights object describes; every bad field is named.</summary>
    public static ConvKernel Read(JsonElement spec, string where)
    {
        var fields = spec.EnumerateObject().ToList();
        if (fields.Count != 1) throw new NetworkSpecException($"{where}: convolution weights take one field, one of {string.Join(", ", Forms)}; found {string.Join(", ", fields.Select(f => f.Name))}");
        var (name, value) = (fields[0].Name, fields[0].Value);
        if (name != "chain") return new ConvKernel([Stage(name, value, $"{where}.{name}")]);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw new NetworkSpecException($"{where}.chain: must be a list of one or more stages");
        var stages = new List<ConvStage>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{where}.chain[{i++}]";
            var props = item.ValueKind == JsonValueKind.Object ? item.EnumerateObject().ToList() : [];
            if (props.Count != 1 || props[0].Name == "chain" || !Forms.Contains(props[0].Name))
                throw new NetworkSpecException($"{at}: a stage is an object with one field: conv1d, conv2d, sumpool2d or avgpool2d");
            var stage = Stage(props[0].Name, props[0].Value, $"{at}.{props[0].Name}");
            if (stages.Count > 0 && !stage.InShape.SequenceEqual(stages[^1].OutShape))
                throw new NetworkSpecException($"{at}: in_shape [{string.Join(", ", stage.InShape)}] is not the previous stage's output [{string.Join(", ", stages[^1].OutShape)}]");
            stages.Add(stage);
        }
        return new ConvKernel(stages);
    }

    private static ConvStage Stage(string form, JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new NetworkSpecException($"{where}: must be an object");
        var conv = form.StartsWith("conv", StringComparison.Ordinal);
        var known = conv ? new[] { "kernel", "in_shape", "stride", "padding", "dilation", "groups" } : ["in_shape", "kernel_size", "stride", "padding"];
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name)) throw new NetworkSpecException($"{where}: unknown field '{p.Name}'; known: {string.Join(", ", known)}");
        var dims = form == "conv1d" ? 1 : 2;
        var inShape = Ints(e, "in_shape", where, 1) ?? throw new NetworkSpecException($"{where}: needs 'in_shape' [C{(dims == 2 ? ", H, W" : ", W")}]");
        if (inShape.Length != dims + 1) throw new NetworkSpecException($"{where}.in_shape: must have {dims + 1} entries, found {inShape.Length}");
        int[] kernelSize;
        double[]? weights = null;
        var outChannels = inShape[0];
        if (conv)
        {
            var (data, shape) = Nested(e, "kernel", dims + 2, where);
            (outChannels, kernelSize, weights) = (shape[0], shape[2..], data);
            var groups = Ints(e, "groups", where, 1) is { } g ? (g.Length == 1 ? g[0] : throw new NetworkSpecException($"{where}.groups: must be one number")) : 1;
            if (inShape[0] % groups != 0 || outChannels % groups != 0 || shape[1] * groups != inShape[0])
                throw new NetworkSpecException($"{where}: a kernel [{string.Join(", ", shape)}] with {groups} group(s) does not take {inShape[0]} input channels (needs C_in/groups = {shape[1]})");
            return Make(ConvKind.Conv, inShape, outChannels, kernelSize, Dims(e, "stride", dims, 1, where), Dims(e, "padding", dims, 0, where),
                Dims(e, "dilation", dims, 1, where), groups, weights, where);
        }
        kernelSize = Dims(e, "kernel_size", dims, -1, where);
        var kind = form == "sumpool2d" ? ConvKind.SumPool : ConvKind.AvgPool;
        return Make(kind, inShape, outChannels, kernelSize, Dims(e, "stride", dims, -1, where, kernelSize), Dims(e, "padding", dims, 0, where), [1, 1], inShape[0], null, where);
    }

    private static ConvStage Make(ConvKind kind, int[] inShape, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, double[]? weights, string where)
    {
        try
        {
            return new ConvStage(kind, inShape[0], outChannels, inShape[1..], kernel, stride, padding, dilation, groups, weights);
        }
        catch (ArgumentException ex)
        {
            throw new NetworkSpecException($"{where}: {ex.Message}");
        }
    }

    /// <summary>A per-dimension field: one number for every dimension or one per dimension; absent: <paramref name="fallback"/> (or <paramref name="byDefault"/>).</summary>
    private static int[] Dims(JsonElement e, string name, int dims, int byDefault, string where, int[]? fallback = null)
    {
        var v = Ints(e, name, where, dims);
        if (v is null)
            return fallback ?? (byDefault >= 0 ? Enumerable.Repeat(byDefault, dims).ToArray() : throw new NetworkSpecException($"{where}: needs '{name}'"));
        if (v.Length == 1) v = Enumerable.Repeat(v[0], dims).ToArray();
        if (v.Length != dims) throw new NetworkSpecException($"{where}.{name}: one number or {dims}, found {v.Length}");
        return v;
    }

    private static int[]? Ints(JsonElement e, string name, string where, int dims)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        var items = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v];
        var result = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
            if (items[i].ValueKind != JsonValueKind.Number || !items[i].TryGetInt32(out result[i]) || result[i] < 0 || result[i] > 1 << 20)
                throw new NetworkSpecException($"{where}.{name}: must hold whole numbers ≥ 0");
        return result;
    }

    /// <summary>A nested list of numbers of <paramref name="rank"/> levels, every level of one length: its values row-major and its shape.</summary>
    private static (double[] Data, int[] Shape) Nested(JsonElement e, string name, int rank, string where)
    {
        if (!e.TryGetProperty(name, out var v)) throw new NetworkSpecException($"{where}: needs '{name}'");
        var shape = new int[rank];
        var probe = v;
        for (var d = 0; d < rank; d++)
        {
            if (probe.ValueKind != JsonValueKind.Array || probe.GetArrayLength() == 0)
                throw new NetworkSpecException($"{where}.{name}: must be a {rank}-level nested list (C_out, C_in/groups, kernel…) of numbers");
            shape[d] = probe.GetArrayLength();
            probe = probe[0];
        }
        var data = new List<double>();
        void Walk(JsonElement x, int d, string at)
        {
            if (d == rank)
            {
                if (x.ValueKind != JsonValueKind.Number || !double.IsFinite(x.GetDouble())) throw new NetworkSpecException($"{where}.{name}{at}: must be a finite number");
                data.Add(x.GetDouble());
                return;
            }
            if (x.ValueKind != JsonValueKind.Array || x.GetArrayLength() != shape[d])
                throw new NetworkSpecException($"{where}.{name}{at}: must be a list of {shape[d]} (the kernel is [{string.Join(", ", shape)}])");
            var i = 0;
            foreach (var item in x.EnumerateArray()) Walk(item, d + 1, $"{at}[{i++}]");
        }
        Walk(v, 0, "");
        return (data.ToArray(), shape);
    }

    /// <summary>The weights object of <paramref name="stages"/>: the stage itself for one, a chain for several.</summary>
    public static JsonObject Json(IReadOnlyList<ConvStage> stages) =>
        stages.Count == 1 ? StageJson(stages[0]) : new JsonObject { ["chain"] = new JsonArray(stages.Select(s => (JsonNode)StageJson(s)).ToArray()) };

    private static JsonObject StageJson(ConvStage s)
    {
        JsonArray Pair(int a, int b) => s.Dims == 2 ? new JsonArray(JsonValue.Create(a), JsonValue.Create(b)) : new JsonArray(JsonValue.Create(b));
        var o = new JsonObject { ["in_shape"] = new JsonArray(s.InShape.Select(d => (JsonNode)d).ToArray()) };
        string form;
        if (s.Kind == ConvKind.Conv)
        {
            form = s.Dims == 2 ? "conv2d" : "conv1d";
            int[] shape = s.Dims == 2 ? [s.OutChannels, s.InChannels / s.Groups, s.KH, s.KW] : [s.OutChannels, s.InChannels / s.Groups, s.KW];
            o["kernel"] = Nest(s.Weights, shape, 0, 0, out _);
            o["stride"] = Pair(s.SH, s.SW);
            o["padding"] = Pair(s.PH, s.PW);
            o["dilation"] = Pair(s.DH, s.DW);
            o["groups"] = s.Groups;
        }
        else
        {
            form = s.Kind == ConvKind.SumPool ? "sumpool2d" : "avgpool2d";
            o["kernel_size"] = Pair(s.KH, s.KW);
            o["stride"] = Pair(s.SH, s.SW);
            o["padding"] = Pair(s.PH, s.PW);
        }
        return new JsonObject { [form] = o };
    }

    private static JsonNode Nest(double[] data, int[] shape, int d, int at, out int next)
    {
        if (d == shape.Length)
        {
            next = at + 1;
            return JsonValue.Create(data[at]);
        }
        var list = new JsonArray();
        for (var i = 0; i < shape[d]; i++)
        {
            list.Add(Nest(data, shape, d + 1, at, out next));
            at = next;
        }
        next = at;
        return list;
    }
}
