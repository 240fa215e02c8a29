using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Weights;

/// <summary>
/// Rockpool 1's general weight generators (rockpool-digest §7), seeded by the caller's stream;
/// matrices are [pre, post].
/// </summary>
public static class NetworkWeights
{
    /// <summary><c>combine_ff_rec_stack</c>: the (M+N)×(M+N) block matrix [[0, W_ff], [0, W_rec]] (inputs first).</summary>
    public static double[,] CombineFfRecStack(double[,] ff, double[,] rec)
    {
        int m = ff.GetLength(0), n = ff.GetLength(1);
        if (rec.GetLength(0) != n || rec.GetLength(1) != n) throw new ArgumentException($"W_rec must be {n}×{n} to follow a {m}×{n} W_ff");
        var w = new double[m + n, m + n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) w[i, m + j] = ff[i, j];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) w[m + i, m + j] = rec[i, j];
        return w;
    }

    /// <summary><c>unit_lambda_net</c>: N(0, 1)/√N entries, eigenvalues filling the unit disc.</summary>
    public static double[,] UnitLambdaNet(Xoshiro256StarStar rng, int n) => MatrixTools.Randn(rng, n, n, 1 / Math.Sqrt(n));

    /// <summary>
    /// <c>rndm_sparse_ei_net</c>: uniform [0, 1) weights, each entry kept with probability connectivity;
    /// a share 1 − ratio_exc of the kept entries (or, partitioned, every entry of the last (1 − ratio_exc)·N rows)
    /// negated and scaled by scale_inh; then scaled to spectral radius <paramref name="normalization"/>.
    /// </summary>
    public static double[,] RndmSparseEiNet(Xoshiro256StarStar rng, int n, double connectivity = 1, bool partitioned = false,
        double ratioExc = 0.5, double scaleInh = 1, double normalization = 0.95)
    {
        var w = new double[n, n];
        var firstInh = (int)Math.Round(ratioExc * n);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                if (rng.NextDouble() >= connectivity) continue;
                var v = rng.NextDouble();
                var inh = partitioned ? i >= firstInh : rng.NextDouble() >= ratioExc;
                w[i, j] = inh ? -scaleInh * v : v;
            }
        MatrixTools.Normalise(w, normalization);
        return w;
    }

    /// <summary>
    /// <c>rndm_ei_net</c>: E + I neurons; excitatory rows |N(0,1)/√n|, every column's excitatory part
    /// normalised to sum 1; inhibitory rows −|N(0,1)/√n|, every column's inhibitory part normalised to sum −ratio_inh_exc.
    /// </summary>
    public static double[,] RndmEiNet(Xoshiro256StarStar rng, int numExc, int numInh, double ratioInhExc = 1)
    {
        var n = numExc + numInh;
        var w = MatrixTools.Randn(rng, n, n, 1 / Math.Sqrt(n));
        for (var j = 0; j < n; j++)
        {
            double se = 0, si = 0;
            for (var i = 0; i < n; i++)
            {
                w[i, j] = Math.Abs(w[i, j]);
                if (i < numExc) se += w[i, j]; else si += w[i, j];
            }
            for (var i = 0; i < n; i++) w[i, j] = i < numExc ? (se > 0 ? w[i, j] / se : 0) : (si > 0 ? -ratioInhExc * w[i, j] / si : 0);
        }
        return w;
    }

    /// <summary>
    /// <c>wilson_cowan_net</c>: 2N×2N, N excitatory then N inhibitory nodes on a ring; E→E and E→I
    /// weights exp(−d²/2σ_e²), I→E and I→I −exp(−d²/2σ_i²) (d the ring distance), autapses self_exc
    /// (E) and −self_inh (I); each column's positive and negative parts normalised to sum 1 and −1. One matrix
    /// (Rockpool's source returns one, though its documentation says a tuple).
    /// </summary>
    public static double[,] WilsonCowanNet(int numNodes, double selfExc = 1, double selfInh = 1, double excSigma = 1, double inhSigma = 1)
    {
        var n = numNodes;
        var w = new double[2 * n, 2 * n];
        for (var i = 0; i < 2 * n; i++)
            for (var j = 0; j < 2 * n; j++)
            {
                var d = Math.Abs(i % n - j % n);
                d = Math.Min(d, n - d);
                var exc = i < n;
                if (i == j) w[i, j] = exc ? selfExc : -selfInh;
                else w[i, j] = exc ? Math.Exp(-d * d / (2 * excSigma * excSigma)) : -Math.Exp(-d * d / (2 * inhSigma * inhSigma));
            }
        for (var j = 0; j < 2 * n; j++)
        {
            double pos = 0, neg = 0;
            for (var i = 0; i < 2 * n; i++) { if (w[i, j] > 0) pos += w[i, j]; else neg -= w[i, j]; }
            for (var i = 0; i < 2 * n; i++) w[i, j] = w[i, j] > 0 ? w[i, j] / pos : neg > 0 ? w[i, j] / neg : 0;
        }
        return w;
    }

    /// <summary>
    /// <c>iaf_sparse_net</c>: each row has exactly round(density·N) connections to distinct random targets,
    /// weights N(mean, std) (defaults −4.5 mV and 5.5 mV, in volts).
    /// </summary>
    public static double[,] IafSparseNet(Xoshiro256StarStar rng, int resSize = 100, double mean = -0.0045, double std = 0.0055, double density = 1)
    {
        if (density is < 0 or > 1) throw new ArgumentException($"density must be in [0, 1], got {density}");
        var w = new double[resSize, resSize];
        var k = (int)Math.Round(density * resSize);
        for (var i = 0; i < resSize; i++)
            foreach (var j in MatrixTools.Choose(rng, resSize, k)) w[i, j] = mean + std * rng.NextGaussian();
        return w;
    }

    /// <summary><c>one_dim_exc_res</c>: a ring where each neuron excites (weight 1) its n_neighbour nearest neighbours, half on each side (itself too unless zero_diagonal).</summary>
    public static double[,] OneDimExcRes(int size, int nNeighbour, bool zeroDiagonal = true)
    {
        var w = new double[size, size];
        var half = nNeighbour / 2;
        for (var i = 0; i < size; i++)
        {
            for (var d = 1; d <= half; d++)
            {
                w[i, (i + d) % size] = 1;
                w[i, ((i - d) % size + size) % size] = 1;
            }
            if (nNeighbour % 2 == 1) w[i, (i + half + 1) % size] = 1;
            if (!zeroDiagonal) w[i, i] = 1;
        }
        return w;
    }
}
