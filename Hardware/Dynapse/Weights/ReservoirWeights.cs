using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Weights;

/// <summary>
/// Rockpool 1's input-plus-reservoir generators for the DYNAP-SE and <c>DiscretiseWeightMatrix</c>
/// (rockpool-digest §7). Input matrices are [inputs × neurons]; with leave_space_for_input a neuron's
/// recurrent fan-in leaves room for its input entries within max_num_inputs.
/// </summary>
public static class ReservoirWeights
{
    /// <summary>
    /// <c>DiscretiseWeightMatrix</c>: units u_E = max(W⁺)/k and u_I = max(W⁻)/k, counts = round(|W|/u)
    /// with the sign kept, W_D = counts·u. Returns (W_D, counts) — Rockpool's source returns these two only.
    /// </summary>
    public static (double[,] W, int[,] Counts) DiscretiseWeightMatrix(double[,] w, int maxNumConnections = 3)
    {
        if (maxNumConnections < 1) throw new ArgumentException($"max_num_connections must be ≥ 1, got {maxNumConnections}");
        double maxE = 0, maxI = 0;
        foreach (var v in w)
        {
            maxE = Math.Max(maxE, v);
            maxI = Math.Max(maxI, -v);
        }
        double uE = maxE / maxNumConnections, uI = maxI / maxNumConnections;
        var rows = w.GetLength(0);
        var cols = w.GetLength(1);
        var counts = new int[rows, cols];
        var wd = new double[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var v = w[i, j];
                if (v > 0 && uE > 0) { counts[i, j] = (int)Math.Round(v / uE, MidpointRounding.AwayFromZero); wd[i, j] = counts[i, j] * uE; }
                else if (v < 0 && uI > 0) { counts[i, j] = -(int)Math.Round(-v / uI, MidpointRounding.AwayFromZero); wd[i, j] = counts[i, j] * uI; }
            }
        return (wd, counts);
    }

    /// <summary>
    /// <c>in_res_digital</c>: one input channel reaching a share input_density of the neurons with
    /// digital strengths (a share ratio_exc_in excitatory) times ratio_rec_in, and a <c>digital</c> reservoir.
    /// Returns (W_in 1×N, W_rec, counts_rec).
    /// </summary>
    public static (double[,] In, double[,] Rec, int[,] Counts) InResDigital(Xoshiro256StarStar rng, int size, double inputDensity = 1,
        double? connectivity = null, double ratioExcRec = 0.5, double ratioExcIn = 0.5, int bitResolution = 4, int maxNumInputs = 64,
        int maxNumOutputs = 1024, double ratioRecIn = 1, double? normalization = null, bool leaveSpaceForInput = false)
    {
        var top = Math.Max(2, (int)Math.Floor(Math.Pow(2, bitResolution / 2.0)));
        var input = Input(rng, 1, size, inputDensity, 1, ratioExcIn, () => 1 + rng.NextInt(top - 1), ratioRecIn);
        var recInputs = leaveSpaceForInput ? maxNumInputs - top : maxNumInputs;
        var conn = connectivity ?? Math.Min(1.0, (double)recInputs / size);
        var (rec, counts, _) = DynapseWeights.Digital(rng, size, size, conn, ratioExcRec, bitResolution, recInputs, maxNumOutputs, 1, normalization);
        return (input, rec, counts);
    }

    /// <summary>
    /// <c>in_res_dynapse</c>: as <see cref="InResDigital"/> with <c>dynapse_conform</c> strengths (1 or 2) for
    /// the input and the reservoir; integer matrices ready for the board. Returns (W_in 1×N, W_rec).
    /// </summary>
    public static (int[,] In, int[,] Rec) InResDynapse(Xoshiro256StarStar rng, int size, double inputDensity = 1, double? connectivity = null,
        double ratioExcRec = 0.5, double ratioExcIn = 0.5, int maxNumInputs = 64, int maxNumOutputs = 1024, bool leaveSpaceForInput = true) =>
        InResDynapseFlex(rng, size, 1, 1, inputDensity, connectivity, ratioExcRec, ratioExcIn, maxNumInputs, maxNumOutputs, leaveSpaceForInput);

    /// <summary>
    /// <c>in_res_dynapse_flex</c>: <paramref name="sizeIn"/> inputs, each neuron in a share input_density
    /// receiving <paramref name="maxFanIn"/> input synapses (strength 1 or 2, a share ratio_exc_in excitatory)
    /// from distinct random channels; the reservoir leaves 2·max_fanin CAM entries free when leave_space_for_input.
    /// </summary>
    public static (int[,] In, int[,] Rec) InResDynapseFlex(Xoshiro256StarStar rng, int size, int sizeIn, int maxFanIn = 1, double inputDensity = 1,
        double? connectivity = null, double ratioExcRec = 0.5, double ratioExcIn = 0.5, int maxNumInputs = 64, int maxNumOutputs = 1024,
        bool leaveSpaceForInput = true)
    {
        if (maxFanIn > sizeIn) throw new ArgumentException($"max_fanin = {maxFanIn} exceeds size_in = {sizeIn}");
        var input = MatrixTools.Round(Input(rng, sizeIn, size, inputDensity, maxFanIn, ratioExcIn, () => 1 + rng.NextInt(2), 1));
        var recInputs = leaveSpaceForInput ? maxNumInputs - 2 * maxFanIn : maxNumInputs;
        var conn = connectivity ?? Math.Min(1.0, (double)recInputs / size);
        var (_, rec, _) = DynapseWeights.DynapseConform(rng, size, size, conn, ratioExcRec, recInputs, maxNumOutputs);
        return (input, rec);
    }

    private static double[,] Input(Xoshiro256StarStar rng, int sizeIn, int size, double density, int fanIn, double ratioExc, Func<int> strength, double scale)
    {
        if (density is < 0 or > 1) throw new ArgumentException($"input_density must be in [0, 1], got {density}");
        var w = new double[sizeIn, size];
        foreach (var j in MatrixTools.Choose(rng, size, (int)Math.Round(density * size)))
            foreach (var i in MatrixTools.Choose(rng, sizeIn, fanIn))
                w[i, j] = scale * strength() * (rng.NextDouble() < ratioExc ? 1 : -1);
        return w;
    }
}
