using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Weights;

/// <summary>
/// Rockpool 1's weight generators that target the DYNAP-SE (rockpool-digest §7), seeded by the caller's
/// stream. Integer weights are connection counts (CAM entries); fan-in counts multiplicity. Per
/// post-synaptic column: fan-in = round(connectivity·rows) CAM entries (≤ max_num_inputs, else refused),
/// a share ratio_exc of them excitatory (digital: distinct pairs; dynapse_conform: repeated draws add up); pre-synaptic rows are drawn only among rows whose fan-out
/// (distinct targets) is still below max_num_outputs.
/// </summary>
public static class DynapseWeights
{
    /// <summary>
    /// <c>digital</c>: excitatory weights uniform integers in [1, 2^(b/2)·use_range), inhibitory in
    /// [−2^(b/2)·use_range, 0); draws at one pair add up. With <paramref name="normalization"/> (square only)
    /// the real matrix W = counts·scale has that spectral radius; <paramref name="fRescale"/> multiplies it.
    /// Returns (W, counts, scale).
    /// </summary>
    public static (double[,] W, int[,] Counts, double Scale) Digital(Xoshiro256StarStar rng, int rows, int cols, double? connectivity = null,
        double ratioExc = 0.5, int bitResolution = 4, int maxNumInputs = 64, int maxNumOutputs = 1024, double useRange = 1,
        double? normalization = null, double? fRescale = null)
    {
        var top = Math.Max(2, (int)Math.Floor(Math.Pow(2, bitResolution / 2.0) * useRange));
        var counts = Sample(rng, rows, cols, connectivity, ratioExc, maxNumInputs, maxNumOutputs,
            exc => exc ? 1 + rng.NextInt(top - 1) : -(1 + rng.NextInt(top)), addUp: false);
        return Finish(counts, normalization, fRescale);
    }

    /// <summary>
    /// <c>dynapse_conform</c>: strengths drawn from <paramref name="weightsExc"/>/<paramref name="weightsInh"/>
    /// with probabilities <paramref name="probsExc"/>/<paramref name="probsInh"/> (defaults (1, 2) at ½ each);
    /// repeated draws for a pair add up. Returns (W, counts, scale).
    /// </summary>
    public static (double[,] W, int[,] Counts, double Scale) DynapseConform(Xoshiro256StarStar rng, int rows, int cols, double? connectivity = null,
        double ratioExc = 0.5, int maxNumInputs = 64, int maxNumOutputs = 1024, int[]? weightsExc = null, int[]? weightsInh = null,
        double[]? probsExc = null, double[]? probsInh = null, double? normalization = null)
    {
        weightsExc ??= [1, 2];
        weightsInh ??= [1, 2];
        probsExc ??= [.. weightsExc.Select(_ => 1.0 / weightsExc.Length)];
        probsInh ??= [.. weightsInh.Select(_ => 1.0 / weightsInh.Length)];
        var counts = Sample(rng, rows, cols, connectivity, ratioExc, maxNumInputs, maxNumOutputs,
            exc => exc ? Pick(rng, weightsExc, probsExc) : -Pick(rng, weightsInh, probsInh), addUp: true);
        return Finish(counts, normalization, null);
    }

    private static int Pick(Xoshiro256StarStar rng, int[] values, double[] probs)
    {
        if (values.Length != probs.Length || values.Length == 0) throw new ArgumentException("weights and their probabilities must have the same, non-zero length");
        var u = rng.NextDouble() * probs.Sum();
        for (var i = 0; i < values.Length; i++)
            if ((u -= probs[i]) < 0) return Math.Abs(values[i]);
        return Math.Abs(values[^1]);
    }

    private static (double[,], int[,], double) Finish(int[,] counts, double? normalization, double? fRescale)
    {
        var w = MatrixTools.ToDouble(counts);
        var scale = 1.0;
        if (normalization is { } r && counts.GetLength(0) == counts.GetLength(1)) scale = MatrixTools.Normalise(w, r);
        if (fRescale is { } f)
        {
            MatrixTools.Scale(w, f);
            scale *= f;
        }
        return (w, counts, scale);
    }

    /// <summary>Per column, draws CAM entries (signed strengths) until the column's fan-in is reached.</summary>
    private static int[,] Sample(Xoshiro256StarStar rng, int rows, int cols, double? connectivity, double ratioExc,
        int maxNumInputs, int maxNumOutputs, Func<bool, int> strength, bool addUp)
    {
        if (ratioExc is < 0 or > 1) throw new ArgumentException($"ratio_exc must be in [0, 1], got {ratioExc}");
        var fanIn = (int)Math.Round((connectivity ?? Math.Min(1.0, (double)maxNumInputs / rows)) * rows);
        if (fanIn > maxNumInputs) throw new ArgumentException($"a fan-in of {fanIn} (connectivity × {rows} rows) exceeds max_num_inputs = {maxNumInputs}");
        var counts = new int[rows, cols];
        var fanOut = new int[rows];
        for (var j = 0; j < cols; j++)
        {
            var excTarget = (int)Math.Round(ratioExc * fanIn);
            var used = 0;
            var guard = 0;
            while (used < fanIn && guard++ < 100 * fanIn + 100)
            {
                var exc = used < excTarget;
                var i = rng.NextInt(rows);
                if (!addUp && counts[i, j] != 0) continue; // digital: one draw per pair
                if (fanOut[i] >= maxNumOutputs && counts[i, j] == 0)
                {
                    if (guard > 50 * fanIn + 50 && fanOut.All(f => f >= maxNumOutputs))
                        throw new ArgumentException($"no presynaptic row has fan-out left (max_num_outputs = {maxNumOutputs})");
                    continue;
                }
                var s = strength(exc);
                var room = exc ? excTarget - used : fanIn - used;
                if (Math.Abs(s) > room) s = Math.Sign(s) * room;
                if (counts[i, j] != 0 && Math.Sign(counts[i, j]) != Math.Sign(s)) continue; // one sign per pair
                if (s == 0) break;
                if (counts[i, j] == 0) fanOut[i]++;
                counts[i, j] += s;
                used += Math.Abs(s);
            }
        }
        return counts;
    }
}
