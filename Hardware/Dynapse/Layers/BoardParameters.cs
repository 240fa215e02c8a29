using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Hardware.Dynapse.Weights;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Layers;

/// <summary>Reading the board layers' parameters: matrices or generator objects, per-core values, ID lists, mismatch, device.</summary>
internal static class BoardParameters
{
    /// <summary>A [pre][post] matrix, or a generator object drawn from <paramref name="rng"/>; null when absent.</summary>
    public static (double[,]? In, double[,] W)? Matrix(LayerParameters p, string name, Xoshiro256StarStar rng)
    {
        if (p.Raw(name) is { } raw && GeneratorSpec.IsGenerator(raw)) return GeneratorSpec.Build(raw, name, rng);
        var m = p.Matrix(name);
        if (m is null) return null;
        var w = new double[m.Rows, m.Cols];
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++) w[i, j] = m[i, j];
        return (null, w);
    }

    /// <summary>Integer connection counts: rounded (Rockpool), or discretised to max_num_connections levels per sign first.</summary>
    public static int[,] Counts(double[,] w, int? maxNumConnections, string name)
    {
        if (maxNumConnections is { } k) return ReservoirWeights.DiscretiseWeightMatrix(w, k).Counts;
        foreach (var v in w)
            if (!double.IsFinite(v) || Math.Abs(v) > 4096) throw new ModelParameterException(name, $"'{name}' holds {v}: connection counts must be finite and within ±4096");
        return MatrixTools.Round(w);
    }

    /// <summary>One value for every core, or 16 (one per core).</summary>
    public static double[] PerCore(LayerParameters p, string name, double fallback)
    {
        var list = p.List(name);
        if (list is null) return Enumerable.Repeat(fallback, BoardGeometry.Cores).ToArray();
        if (list.Length == 1) return Enumerable.Repeat(list[0], BoardGeometry.Cores).ToArray();
        if (list.Length != BoardGeometry.Cores)
            throw new ModelParameterException(name, $"'{name}' needs one value or {BoardGeometry.Cores} (one per core), got {list.Length}");
        return list;
    }

    /// <summary>A whole-number list (IDs), or null when absent or null.</summary>
    public static int[]? Ids(LayerParameters p, string name)
    {
        if (p.IsNull(name)) return null;
        var list = p.List(name);
        if (list is null) return null;
        return list.Select((v, i) => v == Math.Floor(v) && Math.Abs(v) < 1e6 ? (int)v : throw new ModelParameterException(name, $"'{name}'[{i}] must be a whole number, got {v}")).ToArray();
    }

    /// <summary>Mismatch: on/off, spread and seed (default: drawn from the layer's stream, 53 bits so it survives JSON).</summary>
    public static DeviceMismatch Mismatch(LayerParameters p, Func<int, Xoshiro256StarStar> streams)
    {
        var on = p.Bool("mismatch", true);
        var sigma = p.Scalar("mismatch_std", DeviceMismatch.DefaultSigma);
        if (!(sigma >= 0) || sigma > 10) throw new ModelParameterException("mismatch_std", $"'mismatch_std' must be in [0, 10], got {sigma}");
        var seedValue = p.IsNull("mismatch_seed") ? (double?)null : p.Has("mismatch_seed") ? p.Scalar("mismatch_seed", 0) : null;
        if (seedValue is { } s && (s < 0 || s != Math.Floor(s) || s > 9007199254740991))
            throw new ModelParameterException("mismatch_seed", $"'mismatch_seed' must be a whole number in [0, 2^53), got {s}");
        var seed = seedValue is { } given ? (ulong)given : streams(1).NextUInt64() >> 11;
        return new DeviceMismatch(seed, on ? sigma : 0);
    }

    public static string Device(LayerParameters p)
    {
        var d = p.Text("device", "local");
        if (d != "local" && !Link.DeviceAddress.TryParse(d, out _))
            throw new ModelParameterException("device", $"'device' must be \"local\" or tcp://HOST:PORT, got '{d}'");
        return d;
    }

    public static JsonNode PerCoreJson(double[] values) =>
        values.All(v => v == values[0]) ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)v).ToArray());

    public static JsonArray MatrixJson(int[,] m)
    {
        var rows = new JsonArray();
        for (var i = 0; i < m.GetLength(0); i++)
            rows.Add(new JsonArray(Enumerable.Range(0, m.GetLength(1)).Select(j => (JsonNode)m[i, j]).ToArray()));
        return rows;
    }

    public static JsonNode? Ids(int[]? ids) => ids is null ? null : new JsonArray(ids.Select(v => (JsonNode)v).ToArray());

    public static JsonNode? Raw(LayerParameters p, string name) =>
        p.Raw(name) is { } e && e.ValueKind != JsonValueKind.Null ? JsonNode.Parse(e.GetRawText()) : null;
}
