using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Builder;

/// <summary>
/// Rockpool 1.0.7's saved networks as a <see cref="NetworkBuilder"/>, read as <c>eventspike run</c> reads them:
/// <c>Network.save</c>'s <c>layers</c> (<c>to_dict</c> entries with <c>class_name</c>, <c>pre_layer_name</c>,
/// <c>external_input</c>) or one layer's <c>save_layer</c> dict. Each pre-layer feeds its layer one-to-one with
/// weight 1 (the layer applies its own weights); the clock runs at the greatest common divisor of the layers'
/// dt (in Rockpool's 1e-7 s units), each layer at its own; a layer without <c>size</c> takes the size its weights give.
/// </summary>
internal static class RockpoolLayout
{
    private static readonly string[] StructureKeys = ["class_name", "name", "pre_layer_name", "external_input", "size", "dt"];

    public static bool Matches(JsonElement root) =>
        root.TryGetProperty("class_name", out _) ||
        (root.TryGetProperty("layers", out var ls) && ls.ValueKind == JsonValueKind.Array &&
         ls.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("class_name", out _)));

    public static NetworkBuilder Read(JsonElement root, string path)
    {
        var single = root.TryGetProperty("class_name", out _);
        var entries = single ? [root] : root.GetProperty("layers").EnumerateArray().ToList();
        var dts = entries.Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("dt", out var d) && d.ValueKind == JsonValueKind.Number)
            .Select(e => e.GetProperty("dt").GetDouble()).ToList();
        double? forced = root.TryGetProperty("dt", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : null;
        var units = dts.Select(d => (long)Math.Round(d / 1e-7)).ToList();
        var gcd = units.Count == 0 ? 0 : units.Aggregate(Gcd);
        var dt = gcd > 0 ? gcd * 1e-7 : forced ?? throw new NetworkSpecException($"{path}: no layer gives a dt; pass --dt");
        var builder = new NetworkBuilder(Path.GetFileNameWithoutExtension(path), dt);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = single ? $"{path}: layer" : $"{path}: layers[{i}]";
            if (e.ValueKind != JsonValueKind.Object) throw new NetworkSpecException($"{where}: a layer must be an object");
            var type = Text(e, "class_name", where) ?? throw new NetworkSpecException($"{where}: missing 'class_name'");
            var name = Text(e, "name", where) ?? $"layer{i}";
            double? layerDt = e.TryGetProperty("dt", out var ld) && ld.ValueKind == JsonValueKind.Number ? ld.GetDouble() : null;
            var parameters = e.EnumerateObject().Where(p => !StructureKeys.Contains(p.Name)).ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
            builder.Layer(name, type, Size(e, type, layerDt ?? dt, where), parameters, layerDt);
            if (e.TryGetProperty("external_input", out var ext) && ext.ValueKind == JsonValueKind.True) builder.InputLayer ??= name;
        }
        for (var i = 0; i < entries.Count; i++)
            if (Text(entries[i], "pre_layer_name", $"{path}: layers[{i}]") is { } pre)
                builder.Connect(pre, Text(entries[i], "name", "")!, Weights.OneToOne(1.0));
        if (Text(root, "input_layer_name", path) is { } input) builder.InputLayer = input;
        return builder;
    }

    /// <summary>The entry's <c>size</c>, or the size the model takes from its weights.</summary>
    private static int Size(JsonElement e, string type, double dt, string where)
    {
        if (e.TryGetProperty("size", out var s))
            return s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) && n >= 1 ? n
                : throw new NetworkSpecException($"{where}.size: size must be a whole number ≥ 1, got {s.GetRawText()}");
        try
        {
            var dict = JsonObject.Create(e)!.DeepClone().AsObject();
            foreach (var key in new[] { "name", "pre_layer_name", "external_input" }) dict.Remove(key);
            return ModelCatalog.FromDict(dict, b => StreamSeed.Generator(0, "size", b), dt: dt).Size;
        }
        catch (Exception x) when (x is ModelParameterException or KeyNotFoundException)
        {
            throw new NetworkSpecException($"{where} ({type}): {x.Message}");
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static string? Text(JsonElement e, string key, string where)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new NetworkSpecException($"{where}: '{key}' must be a string");
    }
}
