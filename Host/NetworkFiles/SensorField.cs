using System.Text.Json;
using EventSpike.Hardware.Sensors;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// Reads a layer's <c>"sensor"</c> object (docs/network-format.md): <c>width</c>, <c>height</c> (required), <c>crop</c>
/// <c>[x0, y0, x1, y1]</c> (x1, y1 exclusive), <c>pool</c> <c>[px, py]</c> or one number, <c>polarity</c>
/// <c>"split"</c> or <c>"merge"</c>. Every error names the file and the field (e.g. <c>layers[0].sensor.crop</c>);
/// the channels it gives must be the layer's size.
/// </summary>
internal static class SensorField
{
    private static readonly string[] Keys = ["width", "height", "crop", "pool", "polarity"];

    /// <summary>The sensor object <paramref name="e"/> of the layer at <paramref name="where"/> (e.g. <c>layers[0]</c>) of <paramref name="size"/> neurons.</summary>
    public static SensorSpec Parse(JsonElement e, string path, string where, int size)
    {
        where += ".sensor";
        if (e.ValueKind != JsonValueKind.Object) throw Error(path, where, $"sensor must be an object {{\"width\", \"height\", \"crop\", \"pool\", \"polarity\"}}, got {e.GetRawText()}");
        foreach (var p in e.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw Error(path, $"{where}.{p.Name}", $"unknown field '{p.Name}'; known: {string.Join(", ", Keys)}");
        var width = Whole(e, "width", path, where, min: 1, max: 65536) ?? throw Error(path, where + ".width", "missing 'width' (the sensor's columns)");
        var height = Whole(e, "height", path, where, min: 1, max: 65536) ?? throw Error(path, where + ".height", "missing 'height' (the sensor's rows)");
        (int, int, int, int)? crop = e.TryGetProperty("crop", out var c) ? Crop(c, path, where + ".crop", width, height) : null;
        var (px, py) = e.TryGetProperty("pool", out var pool) ? Pool(pool, path, where + ".pool") : (1, 1);
        var split = true;
        if (e.TryGetProperty("polarity", out var polarity))
            split = polarity.ValueKind == JsonValueKind.String && polarity.GetString() is "split" or "merge"
                ? polarity.GetString() == "split"
                : throw Error(path, where + ".polarity", $"polarity must be \"split\" or \"merge\", got {polarity.GetRawText()}");
        var spec = new SensorSpec(width, height, crop, px, py, split) { Where = $"{path}: {where}" };
        var mapping = Mapping(spec);
        if (mapping.ChannelCount != size)
            throw Error(path, where, $"the sensor gives {mapping.PooledWidth}·{mapping.PooledHeight}{(split ? "·2" : "")} = {mapping.ChannelCount} channels " +
                $"({mapping}) but the layer's size is {size}");
        return spec;
    }

    /// <summary>The mapping a sensor object describes.</summary>
    public static SensorMapping Mapping(SensorSpec spec) => new(spec.Width, spec.Height,
        spec.Crop is var (x0, y0, x1, y1) ? new SensorCrop(x0, y0, x1 - x0, y1 - y0) : null, spec.PoolX, spec.PoolY, spec.SplitPolarity);

    private static (int, int, int, int) Crop(JsonElement c, string path, string where, int width, int height)
    {
        var v = Numbers(c, 4, path, where, "crop must be [x0, y0, x1, y1] in pixels (x1, y1 exclusive)");
        if (v[0] < 0 || v[1] < 0 || v[0] >= v[2] || v[1] >= v[3] || v[2] > width || v[3] > height)
            throw Error(path, where, $"the crop [{string.Join(", ", v)}] must satisfy 0 ≤ x0 < x1 ≤ width ({width}) and 0 ≤ y0 < y1 ≤ height ({height})");
        return (v[0], v[1], v[2], v[3]);
    }

    private static (int, int) Pool(JsonElement p, string path, string where)
    {
        const string Shape = "pool must be [px, py] (pixels per channel across and down) or one whole number ≥ 1";
        if (p.ValueKind == JsonValueKind.Number)
            return p.TryGetInt32(out var n) && n >= 1 ? (n, n) : throw Error(path, where, $"{Shape}, got {p.GetRawText()}");
        var v = Numbers(p, 2, path, where, Shape);
        if (v[0] < 1 || v[1] < 1) throw Error(path, where, $"{Shape}, got {p.GetRawText()}");
        return (v[0], v[1]);
    }

    private static int[] Numbers(JsonElement a, int count, string path, string where, string shape)
    {
        if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != count || a.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out _)))
            throw Error(path, where, $"{shape}, got {a.GetRawText()}");
        return a.EnumerateArray().Select(n => n.GetInt32()).ToArray();
    }

    private static int? Whole(JsonElement e, string key, string path, string where, int min, int max)
    {
        if (!e.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < min || n > max)
            throw Error(path, $"{where}.{key}", $"'{key}' must be a whole number of pixels, {min} to {max}, got {v.GetRawText()}");
        return n;
    }

    private static InputException Error(string path, string where, string message) => new($"{path}: {where}: {message}");
}
