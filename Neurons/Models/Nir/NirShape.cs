using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models.Nir;

/// <summary>The optional <c>shape</c> parameter of the NIR layer models: the node's NIR shape, kept so an export writes it back.</summary>
internal static class NirShape
{
    public static int[]? Read(LayerParameters p, int size)
    {
        if (p.IsNull("shape")) return null;
        var list = p.List("shape");
        if (list is null) return null;
        if (list.Length == 0 || list.Any(d => d < 1 || d != Math.Floor(d) || d > int.MaxValue))
            throw new ModelParameterException("shape", "shape must list whole numbers ≥ 1");
        var shape = list.Select(d => (int)d).ToArray();
        if (shape.Aggregate(1L, (a, b) => a * b) != size)
            throw new ModelParameterException("shape", $"shape [{string.Join(", ", shape)}] holds {shape.Aggregate(1L, (a, b) => a * b)} values, the layer has {size}");
        return shape;
    }

    public static void Write(JsonObject d, int[]? shape) =>
        d["shape"] = shape is null ? null : new JsonArray(shape.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
}
