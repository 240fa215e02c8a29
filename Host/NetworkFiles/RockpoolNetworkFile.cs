using System.Text.Json;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// Reads Rockpool 1.0.7's saved networks: <c>Network.save</c>'s layout (a <c>layers</c> list of
/// <c>to_dict</c> entries with <c>class_name</c>, <c>pre_layer_name</c>, <c>external_input</c>, an
/// optional forced <c>dt</c> and <c>input_layer_name</c>), or a single layer's <c>to_dict</c>
/// (<c>save_layer</c>). Each pre-layer feeds its layer one-to-one with weight 1 (the layer applies
/// its own weights, as in Rockpool); the external input comes from <c>--input LAYER=FILE</c>.
/// Rockpool files carry no duration: <c>--duration</c>, or the input file's end, gives it. Layers with
/// different dt run at their own multiple of the finest one.
/// </summary>
public static class RockpoolNetworkFile
{
    private static readonly string[] StructureKeys = ["class_name", "name", "pre_layer_name", "external_input", "size"];

    public static bool Matches(JsonElement root) =>
        root.TryGetProperty("class_name", out _) ||
        (root.TryGetProperty("layers", out var ls) && ls.ValueKind == JsonValueKind.Array &&
         ls.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("class_name", out _)));

    public static NetworkSpec Parse(JsonElement root, string path)
    {
        var entries = root.TryGetProperty("class_name", out _) ? [root] : root.GetProperty("layers").EnumerateArray().ToList();
        var layers = new List<LayerSpec>();
        var connections = new List<ConnectionSpec>();
        var dts = new List<double>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = root.TryGetProperty("class_name", out _) ? "" : $"layers[{i}]";
            if (e.ValueKind != JsonValueKind.Object) throw Error(path, where, "a layer must be an object");
            var type = Text(e, "class_name", path, where) ?? throw Error(path, where, "missing 'class_name'");
            var name = Text(e, "name", path, where) ?? $"layer{i}";
            if (!names.Add(name)) throw Error(path, where, $"layer name '{name}' is used twice");
            if (e.TryGetProperty("dt", out var dt) && dt.ValueKind == JsonValueKind.Number) dts.Add(dt.GetDouble());
            var parameters = e.EnumerateObject().Where(p => !StructureKeys.Contains(p.Name) && p.Name != "dt")
                .ToDictionary(p => p.Name, p => p.Value.Clone());
            // "size" (as EventSpike's to_dict writes it; Rockpool's layers with weights infer it): the layer's size, 0 when absent.
            var size = 0;
            if (e.TryGetProperty("size", out var sz) && !(sz.ValueKind == JsonValueKind.Number && sz.TryGetInt32(out size) && size >= 1))
                throw Error(path, where == "" ? "size" : $"{where}.size", $"size must be a whole number ≥ 1, got {sz.GetRawText()}");
            layers.Add(new LayerSpec(name, type, size, parameters)
            {
                Where = $"{path}: {(where == "" ? "layer" : where)}",
                Dt = e.TryGetProperty("dt", out var ldt) && ldt.ValueKind == JsonValueKind.Number ? ldt.GetDouble() : null,
            });
            if (Text(e, "pre_layer_name", path, where) is { } pre)
                connections.Add(new ConnectionSpec(pre, name, JsonSerializer.SerializeToElement(new { generator = "one_to_one", weight = 1.0 }), 0.0, null)
                {
                    Where = $"{path}: {where}.pre_layer_name",
                });
        }
        if (dts.Count == 0 && !(root.TryGetProperty("dt", out var only) && only.ValueKind == JsonValueKind.Number))
            throw Error(path, "", "no layer gives a dt; pass --dt");
        // Rockpool counts dts in units of 1e-7 s; the clock runs at their greatest common divisor,
        // each layer at its own multiple of it.
        var units = dts.Select(d => (long)Math.Round(d / 1e-7)).ToList();
        var gcd = units.Count == 0 ? 0 : units.Aggregate(Gcd);
        var networkDt = gcd > 0 ? gcd * 1e-7 : root.GetProperty("dt").GetDouble();
        if (root.TryGetProperty("dt", out var forced) && forced.ValueKind == JsonValueKind.Number)
            foreach (var d in dts)
            {
                var ratio = forced.GetDouble() / d;
                if (Math.Abs(ratio - Math.Round(ratio)) > 1e-5 * ratio)
                    throw Error(path, "dt", $"the forced network dt {forced.GetDouble()} s is not a multiple of a layer's dt {d} s");
            }
        return new NetworkSpec(Path.GetFileNameWithoutExtension(path), networkDt, double.NaN, 0, layers, connections);
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static string? Text(JsonElement e, string key, string path, string where)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error(path, where == "" ? key : $"{where}.{key}", $"'{key}' must be a string");
    }

    private static InputException Error(string path, string where, string message) =>
        new(string.IsNullOrEmpty(where) ? $"{path}: {message}" : $"{path}: {where}: {message}");
}
