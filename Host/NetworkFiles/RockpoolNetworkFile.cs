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
/// Rockpool files carry no duration: <c>--duration</c>, or the input file's end, gives it.
/// </summary>
public static class RockpoolNetworkFile
{
    private static readonly string[] StructureKeys = ["class_name", "name", "pre_layer_name", "external_input"];

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
            layers.Add(new LayerSpec(name, type, 0, parameters) { Where = $"{path}: {(where == "" ? "layer" : where)}" });
            if (Text(e, "pre_layer_name", path, where) is { } pre)
                connections.Add(new ConnectionSpec(pre, name, JsonSerializer.SerializeToElement(new { generator = "one_to_one", weight = 1.0 }), 0.0, null)
                {
                    Where = $"{path}: {where}.pre_layer_name",
                });
        }
        double networkDt;
        if (root.TryGetProperty("dt", out var forced) && forced.ValueKind == JsonValueKind.Number) networkDt = forced.GetDouble();
        else if (dts.Count == 0) throw Error(path, "", "no layer gives a dt; pass --dt");
        else networkDt = dts[0];
        foreach (var d in dts)
            if (Math.Abs(d - networkDt) > 1e-5 * networkDt)
                throw Error(path, "", $"layers run at different dt ({string.Join(", ", dts.Distinct())} s); networks of several rates are not supported yet");
        return new NetworkSpec(Path.GetFileNameWithoutExtension(path), networkDt, double.NaN, 0, layers, connections);
    }

    private static string? Text(JsonElement e, string key, string path, string where)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error(path, where == "" ? key : $"{where}.{key}", $"'{key}' must be a string");
    }

    private static InputException Error(string path, string where, string message) =>
        new(string.IsNullOrEmpty(where) ? $"{path}: {message}" : $"{path}: {where}: {message}");
}
