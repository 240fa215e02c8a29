using System.Text.Json;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;

namespace EventSpike.Routing.Network;

/// <summary>
/// Reads the <c>weights</c> of a connection: a dense [from.size][to.size] matrix (Rockpool's
/// weights[pre, post]), or an object naming a generator (see docs/network-format.md).
/// </summary>
public static class WeightSpec
{
    public static readonly IReadOnlyList<string> Generators = ["bernoulli", "fixed_indegree", "fixed_total_number", "one_to_one", "table"];

    public static SynapseTable Build(JsonElement spec, int preSize, int postSize, bool recurrent, Xoshiro256StarStar rng, string where) =>
        Plan(spec, preSize, postSize, recurrent, where).Generate(rng);

    /// <summary>
    /// Checks the weights and says how to draw them, without drawing: a coordinator that builds no
    /// synapse still refuses bad weights and knows about how many synapses each connection has.
    /// </summary>
    public static WeightPlan Plan(JsonElement spec, int preSize, int postSize, bool recurrent, string where)
    {
        switch (spec.ValueKind)
        {
            case JsonValueKind.Array:
                var matrix = Matrix(spec, preSize, postSize, where);
                return new WeightPlan(matrix.Cast<double>().LongCount(w => w != 0), _ => SynapseGenerators.Dense(matrix));
            case JsonValueKind.Object when ConvWeights.IsKernel(spec):
                return ConvWeights.Plan(spec, preSize, postSize, where);
            case JsonValueKind.Object:
                break;
            default:
                throw new NetworkSpecException($"{where}: 'weights' must be a matrix or a generator object");
        }

        if (spec.TryGetProperty("pre_range", out var range))
        {
            if (range.ValueKind != JsonValueKind.Array || range.GetArrayLength() != 2 ||
                range[0].ValueKind != JsonValueKind.Number || range[1].ValueKind != JsonValueKind.Number ||
                !range[0].TryGetInt32(out var lo) || !range[1].TryGetInt32(out var hi) || lo < 0 || hi > preSize || lo >= hi)
                throw new NetworkSpecException($"{where}: pre_range must be [first, end) within 0..{preSize}");
            var inner = JsonElements.Object(spec.EnumerateObject().Where(p => p.Name != "pre_range")
                .Select(p => KeyValuePair.Create(p.Name, p.Value)));
            // Presynaptic indices inside the range are local to it (0 .. end − first); autapses refer to the full layer.
            var sub = Plan(inner, hi - lo, postSize, false, where);
            var dropAutapses = recurrent && Bool(spec, "autapses", where) != true;
            return new WeightPlan(sub.ExpectedSynapses, rng =>
            {
                var table = sub.Generate(rng);
                if (dropAutapses) table = DropAutapses(table, lo);
                return table.EmbedRows(preSize, lo);
            });
        }

        var generator = String(spec, "generator", where)
            ?? throw new NetworkSpecException($"{where}: weights object needs 'generator' (one of {string.Join(", ", Generators)})");
        if (generator == "table")
        {
            Check(spec, ["generator", "pre", "post", "weight"], where);
            var (pre, post, weight) = Nir.WeightTable.Read(spec, preSize, postSize, where);
            return new WeightPlan(pre.Length, _ =>
            {
                var b = new SynapseTableBuilder(preSize, postSize, pre.Length);
                for (var s = 0; s < pre.Length; s++) b.Add(pre[s], post[s], (float)weight[s]);
                return b.Build();
            });
        }
        var known = new HashSet<string> { "generator", "weight", "weight_inh", "exc_fraction", "autapses" };
        var rule = Rule(spec, preSize, where);
        var autapses = Bool(spec, "autapses", where) ?? !recurrent;
        switch (generator)
        {
            case "bernoulli":
                known.Add("p");
                Check(spec, known, where);
                var p = Number(spec, "p", where) ?? throw new NetworkSpecException($"{where}: bernoulli needs 'p'");
                if (!(p >= 0 && p <= 1)) throw new NetworkSpecException($"{where}: p must lie in [0, 1], got {p}");
                return new WeightPlan((long)(p * preSize * (postSize - (autapses ? 0 : 1))),
                    rng => SynapseGenerators.Bernoulli(preSize, postSize, p, rule, autapses, rng));
            case "fixed_indegree":
                known.Add("indegree");
                Check(spec, known, where);
                var k = Number(spec, "indegree", where) ?? throw new NetworkSpecException($"{where}: fixed_indegree needs 'indegree'");
                if (k < 0 || k != Math.Floor(k)) throw new NetworkSpecException($"{where}: indegree must be a whole number ≥ 0, got {k}");
                if (!autapses && recurrent && preSize < 2 && k > 0) throw new NetworkSpecException($"{where}: no partner to draw without autapses");
                return new WeightPlan((long)k * postSize, rng => SynapseGenerators.FixedIndegree(preSize, postSize, (int)k, rule, autapses, rng));
            case "fixed_total_number":
                known.Add("n");
                Check(spec, known, where);
                var total = Number(spec, "n", where) ?? throw new NetworkSpecException($"{where}: fixed_total_number needs 'n'");
                if (total < 0 || total != Math.Floor(total) || total > int.MaxValue)
                    throw new NetworkSpecException($"{where}: n must be a whole number in 0..{int.MaxValue}, got {total}");
                if (!autapses && recurrent && preSize < 2 && total > 0) throw new NetworkSpecException($"{where}: no partner to draw without autapses");
                return new WeightPlan((long)total, rng => SynapseGenerators.FixedTotalNumber(preSize, postSize, (int)total, rule, autapses, rng));
            case "one_to_one":
                Check(spec, known, where);
                if (preSize != postSize)
                    throw new NetworkSpecException($"{where}: one_to_one needs equal sizes, got {preSize} → {postSize}");
                return new WeightPlan(preSize, rng => SynapseGenerators.OneToOne(preSize, rule, rng));
            default:
                throw new NetworkSpecException($"{where}: unknown weight generator '{generator}'; known: {string.Join(", ", Generators)}");
        }
    }

    private static SynapseTable DropAutapses(SynapseTable t, int offset)
    {
        var b = new SynapseTableBuilder(t.PreSize, t.PostSize, (int)t.Count);
        for (var i = 0; i < t.PreSize; i++)
            for (var s = t.RowStart[i]; s < t.RowStart[i + 1]; s++)
                if (t.Target[s] != i + offset) b.Add(i, t.Target[s], t.Weight[s]);
        return b.Build();
    }

    private static WeightRule Rule(JsonElement spec, int preSize, string where)
    {
        var exc = ValueRule(spec, "weight", where) ?? throw new NetworkSpecException($"{where}: weights need 'weight'");
        var inh = ValueRule(spec, "weight_inh", where);
        var fraction = Number(spec, "exc_fraction", where);
        if (inh is null && fraction is null) return exc;
        if (inh is null || fraction is null)
            throw new NetworkSpecException($"{where}: 'weight_inh' and 'exc_fraction' go together");
        if (!(fraction >= 0 && fraction <= 1)) throw new NetworkSpecException($"{where}: exc_fraction must lie in [0, 1]");
        return WeightRules.ExcitatoryInhibitory((int)Math.Round(fraction.Value * preSize), exc, inh);
    }

    /// <summary>A weight: a number, {"mean", "std"} (normal) or {"low", "high"} (uniform).</summary>
    private static WeightRule? ValueRule(JsonElement spec, string name, string where)
    {
        if (!spec.TryGetProperty(name, out var e)) return null;
        if (e.ValueKind == JsonValueKind.Number) return WeightRules.Constant(e.GetDouble());
        if (e.ValueKind == JsonValueKind.Object)
        {
            var mean = Number(e, "mean", where);
            var std = Number(e, "std", where);
            if (mean is not null && std is not null)
            {
                if (!(std >= 0)) throw new NetworkSpecException($"{where}: '{name}'.std must be ≥ 0, got {std}");
                var (min, max) = Bounds(e, mean.Value, $"{where}: '{name}'");
                return min is null && max is null ? WeightRules.Normal(mean.Value, std.Value)
                    : WeightRules.ClippedNormal(mean.Value, std.Value, min ?? double.NegativeInfinity, max ?? double.PositiveInfinity);
            }
            var low = Number(e, "low", where);
            var high = Number(e, "high", where);
            if (low is not null && high is not null) return WeightRules.Uniform(low.Value, high.Value);
        }
        throw new NetworkSpecException($"{where}: '{name}' must be a number, {{\"mean\", \"std\"}} or {{\"low\", \"high\"}}");
    }

    /// <summary>
    /// A normal weight's optional clip bounds: <c>min</c>, <c>max</c>, or <c>"keep_sign": true</c> (min 0 for a mean ≥ 0,
    /// max 0 for a negative one: no synapse changes sign).
    /// </summary>
    private static (double? Min, double? Max) Bounds(JsonElement e, double mean, string where)
    {
        var min = Number(e, "min", where);
        var max = Number(e, "max", where);
        if (Bool(e, "keep_sign", where) == true)
        {
            if (mean >= 0) min = Math.Max(min ?? 0, 0);
            else max = Math.Min(max ?? 0, 0);
        }
        if (min > max) throw new NetworkSpecException($"{where}: min {min} is above max {max}");
        foreach (var prop in e.EnumerateObject())
            if (prop.Name is not ("mean" or "std" or "min" or "max" or "keep_sign"))
                throw new NetworkSpecException($"{where}: unknown field '{prop.Name}'; a normal weight has mean, std, min, max, keep_sign");
        return (min, max);
    }

    private static double[,] Matrix(JsonElement spec, int rows, int cols, string where)
    {
        var actualRows = spec.GetArrayLength();
        var actualCols = actualRows > 0 && spec[0].ValueKind == JsonValueKind.Array ? spec[0].GetArrayLength() : -1;
        if (actualRows != rows || actualCols != cols)
            throw new NetworkSpecException(
                $"{where}: weights are {actualRows}×{(actualCols < 0 ? "?" : actualCols.ToString())}, expected {rows}×{cols} (from.size × to.size)");
        var m = new double[rows, cols];
        var i = 0;
        foreach (var row in spec.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != cols)
                throw new NetworkSpecException($"{where}: weights row {i} must be a list of {cols} numbers");
            var j = 0;
            foreach (var x in row.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Number) throw new NetworkSpecException($"{where}: weights[{i}][{j}] is not a number");
                m[i, j++] = x.GetDouble();
            }
            i++;
        }
        return m;
    }

    private static void Check(JsonElement spec, HashSet<string> known, string where)
    {
        foreach (var prop in spec.EnumerateObject())
            if (!known.Contains(prop.Name))
                throw new NetworkSpecException($"{where}: unknown weights field '{prop.Name}'; known: {string.Join(", ", known.Order())}");
    }

    private static double? Number(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new NetworkSpecException($"{where}: '{name}' must be a number");
    }

    private static bool? Bool(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new NetworkSpecException($"{where}: '{name}' must be true or false"),
        };
    }

    private static string? String(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new NetworkSpecException($"{where}: '{name}' must be a string");
    }
}
