using System.Text.Json;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Builder;

/// <summary>
/// A layer's <c>"sensor"</c> object read into the <see cref="SensorSpec"/> <c>run</c> and <c>stream</c> read from a file
/// (as Host's SensorField: <c>width</c>, <c>height</c> required; <c>crop</c> <c>[x0, y0, x1, y1]</c>, x1 and y1 exclusive;
/// <c>pool</c> <c>[px, py]</c> or one number, default 1; <c>polarity</c> <c>"split"</c> (default) or <c>"merge"</c>).
/// Errors are <see cref="NetworkSpecException"/>s naming the field. That the channels match the layer's size is
/// checked where the mapping is built (the command reads the saved file).
/// </summary>
internal static class SensorObject
{
    private static readonly string[] Keys = ["width", "height", "crop", "pool", "polarity"];

    public static SensorSpec Parse(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Error(where, $"sensor must be an object {{\"width\", \"height\", \"crop\", \"pool\", \"polarity\"}}, got {e.GetRawText()}");
        foreach (var p in e.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw Error($"{where}.{p.Name}", $"unknown field '{p.Name}'; known: {string.Join(", ", Keys)}");
        var width = Whole(e, "width", where) ?? throw Error(where + ".width", "missing 'width' (the sensor's columns)");
        var height = Whole(e, "height", where) ?? throw Error(where + ".height", "missing 'height' (the sensor's rows)");
        (int, int, int, int)? crop = null;
        if (e.TryGetProperty("crop", out var c))
        {
            var v = Numbers(c, 4, where + ".crop", "crop must be [x0, y0, x1, y1] in pixels (x1, y1 exclusive)");
            if (v[0] < 0 || v[1] < 0 || v[0] >= v[2] || v[1] >= v[3] || v[2] > width || v[3] > height)
                throw Error(where + ".crop", $"the crop [{string.Join(", ", v)}] must satisfy 0 ≤ x0 < x1 ≤ width ({width}) and 0 ≤ y0 < y1 ≤ height ({height})");
            crop = (v[0], v[1], v[2], v[3]);
        }
        var (px, py) = e.TryGetProperty("pool", out var pool) ? Pool(pool, where + ".pool") : (1, 1);
        var split = true;
        if (e.TryGetProperty("polarity", out var polarity))
            split = polarity.ValueKind == JsonValueKind.String && polarity.GetString() is "split" or "merge"
                ? polarity.GetString() == "split"
                : throw Error(where + ".polarity", $"polarity must be \"split\" or \"merge\", got {polarity.GetRawText()}");
        return new SensorSpec(width, height, crop, px, py, split) { Where = where };
    }

    private static (int, int) Pool(JsonElement p, string where)
    {
        const string Shape = "pool must be [px, py] (pixels per channel across and down) or one whole number ≥ 1";
        if (p.ValueKind == JsonValueKind.Number)
            return p.TryGetInt32(out var n) && n >= 1 ? (n, n) : throw Error(where, $"{Shape}, got {p.GetRawText()}");
        var v = Numbers(p, 2, where, Shape);
        return v[0] >= 1 && v[1] >= 1 ? (v[0], v[1]) : throw Error(where, $"{Shape}, got {p.GetRawText()}");
    }

    private static int[] Numbers(JsonElement a, int count, string where, string shape)
    {
        if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != count || a.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out _)))
            throw Error(where, $"{shape}, got {a.GetRawText()}");
        return a.EnumerateArray().Select(n => n.GetInt32()).ToArray();
    }

    private static int? Whole(JsonElement e, string key, string where)
    {
        if (!e.TryGetProperty(key, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n is >= 1 and <= 65536
            ? n
            : throw Error($"{where}.{key}", $"'{key}' must be a whole number of pixels, 1 to 65536, got {v.GetRawText()}");
    }

    private static NetworkSpecException Error(string where, string message) => new($"{where}: {message}");
}
