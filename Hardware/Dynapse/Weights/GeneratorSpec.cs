using System.Text.Json;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Weights;

/// <summary>
/// A weight matrix given in a layer's parameters as a generator object, <c>{"generator": NAME, ...}</c>,
/// with Rockpool's argument names (rockpool-digest §7; docs/network-format.md). Draws come from the
/// layer's own stream, so a seed gives the same matrix. Generators that give an input matrix too
/// (<c>in_res_*</c>) return it as <c>In</c>. Unknown names and arguments are refused naming the parameter.
/// </summary>
public static class GeneratorSpec
{
    public static readonly string[] Names =
    [
        "digital", "dynapse_conform", "in_res_digital", "in_res_dynapse", "in_res_dynapse_flex", "DiscretiseWeightMatrix",
        "combine_ff_rec_stack", "iaf_sparse_net", "one_dim_exc_res", "rndm_sparse_ei_net", "rndm_ei_net", "unit_lambda_net", "wilson_cowan_net",
    ];

    /// <summary>True when <paramref name="e"/> is a generator object.</summary>
    public static bool IsGenerator(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("generator", out _);

    /// <summary>Builds the matrix (and, for in_res_*, the input matrix) of parameter <paramref name="parameter"/>.</summary>
    public static (double[,]? In, double[,] W) Build(JsonElement spec, string parameter, Xoshiro256StarStar rng)
    {
        var a = new Args(spec, parameter);
        var name = a.Text("generator");
        try
        {
            var result = name switch
            {
                "digital" => (null, DynapseWeights.Digital(rng, a.Int("rows"), a.Int("cols"), a.OptDouble("connectivity"), a.Double("ratio_exc", .5),
                    a.Int("bit_resolution", 4), a.Int("max_num_inputs", 64), a.Int("max_num_outputs", 1024), a.Double("use_range", 1),
                    a.OptDouble("normalization"), a.OptDouble("f_rescale")).W),
                "dynapse_conform" => (null, DynapseWeights.DynapseConform(rng, a.Int("rows"), a.Int("cols"), a.OptDouble("connectivity"),
                    a.Double("ratio_exc", .5), a.Int("max_num_inputs", 64), a.Int("max_num_outputs", 1024), a.Ints("weights_exc"),
                    a.Ints("weights_inh"), a.Doubles("probs_w_exc"), a.Doubles("probs_w_inh"), a.OptDouble("normalization")).W),
                "in_res_digital" => InRes(ReservoirWeights.InResDigital(rng, a.Int("size"), a.Double("input_density", 1), a.OptDouble("connectivity"),
                    a.Double("ratio_exc_rec", .5), a.Double("ratio_exc_in", .5), a.Int("bit_resolution", 4), a.Int("max_num_inputs", 64),
                    a.Int("max_num_outputs", 1024), a.Double("ratio_rec_in", 1), a.OptDouble("normalization"), a.Bool("leave_space_for_input", false))),
                "in_res_dynapse" => Ints(ReservoirWeights.InResDynapse(rng, a.Int("size"), a.Double("input_density", 1), a.OptDouble("connectivity"),
                    a.Double("ratio_exc_rec", .5), a.Double("ratio_exc_in", .5), a.Int("max_num_inputs", 64), a.Int("max_num_outputs", 1024),
                    a.Bool("leave_space_for_input", true))),
                "in_res_dynapse_flex" => Ints(ReservoirWeights.InResDynapseFlex(rng, a.Int("size"), a.Int("size_in"), a.Int("max_fanin", 1),
                    a.Double("input_density", 1), a.OptDouble("connectivity"), a.Double("ratio_exc_rec", .5), a.Double("ratio_exc_in", .5),
                    a.Int("max_num_inputs", 64), a.Int("max_num_outputs", 1024), a.Bool("leave_space_for_input", true))),
                "DiscretiseWeightMatrix" => (null, ReservoirWeights.DiscretiseWeightMatrix(a.Matrix("weights"), a.Int("max_num_connections", 3)).W),
                "combine_ff_rec_stack" => (null, NetworkWeights.CombineFfRecStack(a.Matrix("weights_ff"), a.Matrix("weights_rec"))),
                "iaf_sparse_net" => (null, NetworkWeights.IafSparseNet(rng, a.Int("res_size", 100), a.Double("mean", -0.0045), a.Double("std", 0.0055), a.Double("density", 1))),
                "one_dim_exc_res" => (null, NetworkWeights.OneDimExcRes(a.Int("size"), a.Int("n_neighbour"), a.Bool("zero_diagnoal", true))),
                "rndm_sparse_ei_net" => (null, NetworkWeights.RndmSparseEiNet(rng, a.Int("num_neurons"), a.Double("connectivity", 1), a.Bool("partitioned", false),
                    a.Double("ratio_exc", .5), a.Double("scale_inh", 1), a.Double("normalization", .95))),
                "rndm_ei_net" => (null, NetworkWeights.RndmEiNet(rng, a.Int("num_exc"), a.Int("num_inh"), a.Double("ratio_inh_exc", 1))),
                "unit_lambda_net" => (null, NetworkWeights.UnitLambdaNet(rng, a.Int("num_neurons"))),
                "wilson_cowan_net" => (null, NetworkWeights.WilsonCowanNet(a.Int("num_nodes"), a.Double("self_exc", 1), a.Double("self_inh", 1),
                    a.Double("exc_sigma", 1), a.Double("inh_sigma", 1))),
                _ => throw new ModelParameterException(parameter, $"'{parameter}': unknown weight generator '{name}'; known: {string.Join(", ", Names)}"),
            };
            a.ThrowIfUnknown();
            return result;
        }
        catch (ArgumentException e)
        {
            throw new ModelParameterException(parameter, $"'{parameter}' ({name}): {e.Message}");
        }
    }

    private static (double[,]?, double[,]) InRes((double[,] In, double[,] Rec, int[,] Counts) r) => (r.In, r.Rec);

    private static (double[,]?, double[,]) Ints((int[,] In, int[,] Rec) r) => (MatrixTools.ToDouble(r.In), MatrixTools.ToDouble(r.Rec));

    /// <summary>The generator object's arguments, each read once; unknown ones refused.</summary>
    private sealed class Args(JsonElement spec, string parameter)
    {
        private readonly HashSet<string> _read = ["generator"];

        private JsonElement? Get(string name)
        {
            _read.Add(name);
            return spec.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        }

        private ModelParameterException Bad(string name, string what) => new(parameter, $"'{parameter}'.{name} must be {what}");

        public string Text(string name) => Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw Bad(name, "a string");

        public double? OptDouble(string name) => Get(name) is { } v ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(name, "a number") : null;

        public double Double(string name, double fallback) => OptDouble(name) ?? fallback;

        public int Int(string name, int? fallback = null)
        {
            var v = OptDouble(name) ?? fallback ?? throw Bad(name, "given (a whole number)");
            return v == Math.Floor(v) && Math.Abs(v) < 1e7 ? (int)v : throw Bad(name, "a whole number");
        }

        public bool Bool(string name, bool fallback) => Get(name) is { } v ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(name, "true or false"),
        } : fallback;

        public double[]? Doubles(string name) => Get(name) is { } v
            ? v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number) ? v.EnumerateArray().Select(x => x.GetDouble()).ToArray() : throw Bad(name, "a list of numbers")
            : null;

        public int[]? Ints(string name) => Doubles(name)?.Select(x => (int)x).ToArray();

        public double[,] Matrix(string name)
        {
            var v = Get(name) ?? throw Bad(name, "given (a matrix)");
            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw Bad(name, "a non-empty list of rows");
            var rows = v.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw Bad(name, "a matrix of numbers")).ToArray() : throw Bad(name, "a list of rows")).ToList();
            var m = new double[rows.Count, rows[0].Length];
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Length != rows[0].Length) throw Bad(name, "a matrix (rows of equal length)");
                for (var j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
            }
            return m;
        }

        public void ThrowIfUnknown()
        {
            foreach (var p in spec.EnumerateObject())
                if (!_read.Contains(p.Name)) throw new ModelParameterException(parameter, $"'{parameter}': unknown argument '{p.Name}' for this generator; known: {string.Join(", ", _read.Order())}");
        }
    }
}
