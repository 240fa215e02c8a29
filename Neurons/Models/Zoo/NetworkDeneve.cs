using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>NetworkDeneve</c> builder (digest §6.4): a spiking network with tight E/I balance
/// (Boerlin, Machens &amp; Denève 2013) that implements the linear system ẋ = A·x + c(t), read out as
/// x̂ = Γ·r, r being the spikes filtered with τ_syn_slow.
///
/// SolveLinearProblem, with Γ (P×N), λ = 1/τ_syn_slow and a_i = v_thresh,i − v_rest,i:
///   v_t,i = (ν·λ + μ·λ² + ‖Γ[:, i]‖₁²)/2          (Rockpool squares the L1 norm of the column)
///   Ω_f = ΓᵀΓ + μ·λ²·I,   Ω_s = Γᵀ(A + λ·I)Γ
///   Ω_f′ = diag(a/v_t)·Ω_f,   Ω_s′ = diag(a/v_t)·Ω_s,   Γ′ = diag(a/v_t)·Γᵀ  (row i scaled by a_i/v_t,i)
///   v_reset = v_thresh − diag(Ω_f′);  diag(Ω_f′) ← 0;  Ω_f′ ×= τ_mem/τ_fast;  Ω_s′ ×= τ_mem;  Γ′ ×= τ_mem
///   → SpecifyNetwork(W_fast = −Ω_f′, W_slow = Ω_s′, W_in = Γ′ᵀ, W_out = Γᵀ, τ_syn_out = τ_syn_slow).
/// The default Γ: N(0, 1) entries, each column scaled to L1 norm 1, then ×50/N (N defaults to 100).
/// </summary>
public static class NetworkDeneve
{
    /// <summary>
    /// Rockpool's <c>SolveLinearProblem</c>. <paramref name="gamma"/> (P×N) fixes the network size;
    /// without it a random Γ of <paramref name="netSize"/> (default 100) neurons is drawn from
    /// <paramref name="rng"/> (required then). Per-neuron values take one value or N.
    /// </summary>
    public static DeneveNetwork SolveLinearProblem(
        double[,] a,
        int? netSize = null,
        double[,]? gamma = null,
        Xoshiro256StarStar? rng = null,
        double mu = 1e-4,
        double nu = 1e-3,
        double noiseStd = 0.0,
        double tauMem = 0.02,
        double tauSynFast = 0.001,
        double tauSynSlow = 0.1,
        double[]? vThresh = null,
        double[]? vRest = null,
        double refractory = RecFSSpikeEulerBT.NoRefractory)
    {
        var p = a.GetLength(0);
        if (a.GetLength(1) != p) throw new ArgumentException($"a must be square (P×P), got {p}×{a.GetLength(1)}");
        if (gamma is null)
        {
            var n0 = netSize ?? 100;
            if (rng is null) throw new ArgumentException("a random gamma needs rng");
            gamma = new double[p, n0];
            for (var i = 0; i < p; i++)
                for (var j = 0; j < n0; j++) gamma[i, j] = rng.NextGaussian();
            for (var j = 0; j < n0; j++)
            {
                var l1 = 0.0;
                for (var i = 0; i < p; i++) l1 += Math.Abs(gamma[i, j]);
                for (var i = 0; i < p; i++) gamma[i, j] = gamma[i, j] / l1 / n0 * 50;
            }
        }
        else if (gamma.GetLength(0) != p) throw new ArgumentException($"gamma must have {p} rows (P), got {gamma.GetLength(0)}");
        else if (netSize is not null && netSize != gamma.GetLength(1)) throw new ArgumentException("netSize must match the size of gamma");
        var n = gamma.GetLength(1);
        var thresh = Expand(vThresh, -0.055, n, "vThresh");
        var rest = Expand(vRest, -0.065, n, "vRest");
        var lambda = 1 / tauSynSlow;

        var vt = new double[n];
        for (var i = 0; i < n; i++)
        {
            var l1 = 0.0;
            for (var k = 0; k < p; k++) l1 += Math.Abs(gamma[k, i]);
            vt[i] = (nu * lambda + mu * lambda * lambda + l1 * l1) / 2;
        }
        // A + λI, then Ω_s = Γᵀ(A + λI)Γ and Ω_f = ΓᵀΓ + μλ²I.
        var aLambdaGamma = new double[p, n];
        for (var r = 0; r < p; r++)
            for (var j = 0; j < n; j++)
            {
                var sum = lambda * gamma[r, j];
                for (var k = 0; k < p; k++) sum += a[r, k] * gamma[k, j];
                aLambdaGamma[r, j] = sum;
            }
        var fast = new double[n, n];
        var slow = new double[n, n];
        var wIn = new double[p, n];
        var wOut = new double[n, p];
        var reset = new double[n];
        for (var i = 0; i < n; i++)
        {
            var scale = (thresh[i] - rest[i]) / vt[i];
            for (var j = 0; j < n; j++)
            {
                double f = i == j ? mu * lambda * lambda : 0.0, s = 0.0;
                for (var k = 0; k < p; k++)
                {
                    f += gamma[k, i] * gamma[k, j];
                    s += gamma[k, i] * aLambdaGamma[k, j];
                }
                fast[i, j] = scale * f;
                slow[i, j] = scale * s * tauMem;
            }
            reset[i] = thresh[i] - fast[i, i];
            fast[i, i] = 0;
            for (var j = 0; j < n; j++) fast[i, j] = -fast[i, j] * tauMem / tauSynFast;
            for (var k = 0; k < p; k++)
            {
                wIn[k, i] = scale * gamma[k, i] * tauMem;
                wOut[i, k] = gamma[k, i];
            }
        }
        return SpecifyNetwork(fast, slow, wIn, wOut, noiseStd, thresh, reset, rest, tauMem, tauSynFast, tauSynSlow, tauSynSlow, refractory);
    }

    /// <summary>Rockpool's <c>SpecifyNetwork</c>: the chain from given weights (checked for shape).</summary>
    public static DeneveNetwork SpecifyNetwork(
        double[,] weightsFast,
        double[,] weightsSlow,
        double[,] weightsIn,
        double[,] weightsOut,
        double noiseStd = 0.0,
        double[]? vThresh = null,
        double[]? vReset = null,
        double[]? vRest = null,
        double tauMem = 0.02,
        double tauSynRFast = 0.001,
        double tauSynRSlow = 0.1,
        double tauSynOut = 0.1,
        double refractory = RecFSSpikeEulerBT.NoRefractory)
    {
        var n = weightsFast.GetLength(0);
        if (weightsFast.GetLength(1) != n) throw new ArgumentException("weightsFast must be N×N");
        if (weightsSlow.GetLength(0) != n || weightsSlow.GetLength(1) != n) throw new ArgumentException("weightsSlow must be N×N like weightsFast");
        if (weightsIn.GetLength(1) != n) throw new ArgumentException($"weightsIn must have {n} columns");
        if (weightsOut.GetLength(0) != n) throw new ArgumentException($"weightsOut must have {n} rows");
        return new DeneveNetwork(weightsFast, weightsSlow, weightsIn, weightsOut,
            Expand(vThresh, -0.055, n, "vThresh"), Expand(vReset, -0.065, n, "vReset"), Expand(vRest, -0.065, n, "vRest"),
            tauMem, tauSynRFast, tauSynRSlow, tauSynOut, noiseStd, refractory);
    }

    private static double[] Expand(double[]? values, double fallback, int n, string name)
    {
        if (values is null) return Enumerable.Repeat(fallback, n).ToArray();
        if (values.Length == 1) return Enumerable.Repeat(values[0], n).ToArray();
        if (values.Length != n) throw new ArgumentException($"{name} must have 1 or {n} values, got {values.Length}");
        return (double[])values.Clone();
    }
}
