namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// Rockpool's JAX LIF neurons (RecLIFJax / RecLIFCurrentInJax) for training. Per unit, with
/// β = e^(−dt/τ_syn), α = dt/τ_mem, threshold 0, reset by subtracting the step's spikes, and the
/// recurrent input S_{t−1}·W_rec (W_rec N×N, trainable, when the layer is recurrent):
///   spike input:   I_t = β·I_{t−1} + S_{t−1}·W_rec + x_t;  V_t = U_t + α(I_t + b − U_t)
///   current input: I_t = β·I_{t−1} + S_{t−1}·W_rec;        V_t = U_t + α(I_t + x_t + b − U_t)
///   U_t = V_{t−1} − S_{t−1};  S_t = max(0, ⌊V_t + 1⌋)   (several spikes per step possible)
/// Backward through time with the surrogate ∂S/∂V = [V > −0.5] (Rockpool's), from the last step back:
///   δS_t = ∂L/∂S_t − δU_{t+1};  δV_t = δS_t·S'(V_t) + δU_{t+1};  δU_t = (1 − α)δV_t;
///   δI_t = αδV_t + βδI_{t+1};   ∂L/∂x_t = δI_t (spike input) or αδV_t (current input);  ∂L/∂b = Σ αδV_t
///   recurrence: δS_{t−1} += W_rec·δI_t;  ∂L/∂W_rec[i, j] = Σ_t S_{t−1}[i]·δI_t[j]
/// <see cref="Spike"/> may replace the spike function and its surrogate (a smooth one makes the backward
/// pass the exact gradient, which is how the tests check it against finite differences).
/// V_{−1} = b (Rockpool's reset state), I_{−1} = 0, S_{−1} = 0. The bias b (per unit, default 0) is trainable. dt is read at each call.
/// </summary>
public sealed class LifLayer : ISequenceLayer
{
    private Sequence? _x, _v, _s;
    private double _alpha, _beta;

    public LifLayer(string name, int units, DtVariable dt, double tauMem = 0.02, double tauSyn = 0.05, bool spikeInput = false, double bias = 0,
        double[]? recurrentWeights = null)
    {
        Name = name;
        InputSize = OutputSize = units;
        Dt = dt;
        TauMem = tauMem;
        TauSyn = tauSyn;
        SpikeInput = spikeInput;
        Bias = new Parameter("bias", Enumerable.Repeat(bias, units).ToArray());
        if (recurrentWeights is not null && recurrentWeights.Length != units * units)
            throw new ArgumentException($"{name}: recurrent weights need {units}×{units} values, got {recurrentWeights.Length}");
        Recurrent = recurrentWeights is null ? null : new Parameter("w_recurrent", (double[])recurrentWeights.Clone());
        Parameters = Recurrent is null ? [Bias] : [Bias, Recurrent];
    }

    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public DtVariable Dt { get; }
    public double TauMem { get; }
    public double TauSyn { get; }
    public bool SpikeInput { get; }
    public Parameter Bias { get; }

    /// <summary>W_rec, row-major N×N (pre × post), or null for a feed-forward layer.</summary>
    public Parameter? Recurrent { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The spike function of V and its surrogate derivative.</summary>
    public (Func<double, double> F, Func<double, double> Surrogate) Spike { get; set; } =
        (v => Math.Max(0, Math.Floor(v + 1)), v => v > -0.5 ? 1 : 0);

    public Sequence Forward(Sequence x, bool training)
    {
        _x = x;
        _alpha = Dt.Value / TauMem;
        _beta = Math.Exp(-Dt.Value / TauSyn);
        _v = x.Zeros();
        _s = x.Zeros();
        var n = x.N;
        var (i, v, s, rec) = (new double[n], new double[n], new double[n], new double[n]);
        for (var b = 0; b < x.B; b++)
        {
            Array.Clear(i);
            Array.Clear(s);
            Array.Copy(Bias.Value, v, n);   // V starts at the bias (Rockpool's reset_state)
            for (var t = 0; t < x.T; t++)
            {
                RecurrentInput(s, rec);
                for (var j = 0; j < n; j++)
                {
                    i[j] = _beta * i[j] + rec[j] + (SpikeInput ? x[b, t, j] : 0);
                    var u = v[j] - s[j];
                    v[j] = u + _alpha * (i[j] + (SpikeInput ? 0 : x[b, t, j]) + Bias.Value[j] - u);
                    s[j] = Spike.F(v[j]);
                    _v[b, t, j] = v[j];
                    _s[b, t, j] = s[j];
                }
            }
        }
        return _s.Copy();
    }

    public Sequence Backward(Sequence g) => Backward(g, null);

    /// <summary>The membrane potentials V_t of the last forward call (B, T, N).</summary>
    public Sequence Voltages => _v ?? throw new InvalidOperationException("voltages before forward");

    /// <summary>
    /// Backward with an extra gradient ∂L/∂V_t on the membrane potentials (the _IO forms read their output
    /// from V), added to δV_t at each step.
    /// </summary>
    public Sequence Backward(Sequence g, Sequence? voltageGradient)
    {
        var x = _x ?? throw new InvalidOperationException("backward before forward");
        var gx = x.Zeros();
        var n = x.N;
        var (dU, dI, fromRec) = (new double[n], new double[n], new double[n]);   // δU_{t+1}, δI_{t+1}, W_rec·δI_{t+1}
        for (var b = 0; b < x.B; b++)
        {
            Array.Clear(dU);
            Array.Clear(dI);
            Array.Clear(fromRec);
            for (var t = x.T - 1; t >= 0; t--)
            {
                for (var j = 0; j < n; j++)
                {
                    var dS = g[b, t, j] - dU[j] + fromRec[j];
                    var dV = dS * Spike.Surrogate(_v![b, t, j]) + dU[j] + (voltageGradient is null ? 0 : voltageGradient[b, t, j]);
                    dU[j] = (1 - _alpha) * dV;
                    dI[j] = _alpha * dV + _beta * dI[j];
                    gx[b, t, j] = SpikeInput ? dI[j] : _alpha * dV;
                    Bias.Grad[j] += _alpha * dV;
                }
                RecurrentBackward(b, t, dI, fromRec);
            }
            for (var j = 0; j < n; j++) Bias.Grad[j] += dU[j];   // V_{−1} = b
        }
        return gx;
    }

    /// <summary>rec = S_{t−1}·W_rec (zero without recurrence).</summary>
    private void RecurrentInput(double[] lastSpikes, double[] rec)
    {
        Array.Clear(rec);
        if (Recurrent is null) return;
        var n = rec.Length;
        for (var p = 0; p < n; p++)
            if (lastSpikes[p] != 0)
                for (var q = 0; q < n; q++) rec[q] += lastSpikes[p] * Recurrent.Value[p * n + q];
    }

    /// <summary>From δI_t: W_rec's gradient (S_{t−1}·δI_t) and what reaches S_{t−1} (W_rec·δI_t).</summary>
    private void RecurrentBackward(int b, int t, double[] dI, double[] fromRec)
    {
        Array.Clear(fromRec);
        if (Recurrent is null || t == 0) return;
        var n = dI.Length;
        for (var p = 0; p < n; p++)
        {
            var last = _s![b, t - 1, p];
            var sum = 0.0;
            for (var q = 0; q < n; q++)
            {
                sum += Recurrent.Value[p * n + q] * dI[q];
                Recurrent.Grad[p * n + q] += last * dI[q];
            }
            fromRec[p] = sum;
        }
    }
}
