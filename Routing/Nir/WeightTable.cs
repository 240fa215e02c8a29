using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSpike.Routing.Nir;

/// <summary>
/// The <c>table</c> form of a connection's weights: parallel lists of presynaptic indices,
/// postsynaptic indices and weights, as JSON lists or, compact for large tables, as base64 of
/// little-endian int32 (indices) and float64 (weights) arrays.
/// </summary>
public static class WeightTable
{
    public static JsonObject Json(List<int> pre, List<int> post, List<double> weight) => new()
    {
        ["generator"] = "table",
        ["pre"] = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pre.ToArray().AsSpan())),
        ["post"] = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(post.ToArray().AsSpan())),
        ["weight"] = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weight.ToArray().AsSpan())),
    };

    /// <summary>Reads a table; every index must lie in its layer, the lists must be as long as each other.</summary>
    public static (int[] Pre, int[] Post, double[] Weight) Read(JsonElement spec, int preSize, int postSize, string where)
    {
        var pre = Ints(spec, "pre", where);
        var post = Ints(spec, "post", where);
        var weight = Doubles(spec, "weight", where);
        if (pre.Length != post.Length || pre.Length != weight.Length)
            throw new Network.NetworkSpecException($"{where}: table weights need as many 'pre', 'post' and 'weight' entries, found {pre.Length}, {post.Length}, {weight.Length}");
        for (var s = 0; s < pre.Length; s++)
        {
            if ((uint)pre[s] >= (uint)preSize || (uint)post[s] >= (uint)postSize)
                throw new Network.NetworkSpecException($"{where}: table entry {s} connects {pre[s]} → {post[s]}, outside {preSize} → {postSize}");
            if (!double.IsFinite(weight[s])) throw new Network.NetworkSpecException($"{where}: table entry {s} has weight {weight[s]}");
        }
        return (pre, post, weight);
    }

    private static int[] Ints(JsonElement spec, string name, string where) => Element(spec, name, where) switch
    {
        { ValueKind: JsonValueKind.String } s => Bytes(s, name, 4, where) is var b ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(b).ToArray() : [],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(x => x.TryGetInt32(out var i) ? i : throw Bad(name, where)).ToArray(),
        _ => throw Bad(name, where),
    };

    private static double[] Doubles(JsonElement spec, string name, string where) => Element(spec, name, where) switch
    {
        { ValueKind: JsonValueKind.String } s => Bytes(s, name, 8, where) is var b ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(b).ToArray() : [],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw Bad(name, where)).ToArray(),
        _ => throw Bad(name, where),
    };

    private static byte[] Bytes(JsonElement s, string name, int width, string where)
    {
        try
        {
            var bytes = Convert.FromBase64String(s.GetString()!);
            return bytes.Length % width == 0 ? bytes : throw Bad(name, where);
        }
        catch (FormatException)
        {
            throw Bad(name, where);
        }
    }

    private static JsonElement Element(JsonElement spec, string name, string where) =>
        spec.TryGetProperty(name, out var e) ? e : throw new Network.NetworkSpecException($"{where}: table weights need '{name}'");

    private static Network.NetworkSpecException Bad(string name, string where) =>
        new($"{where}: table '{name}' must be a list of numbers or a base64 string of {(name == "weight" ? "float64" : "int32")} values");
}
