namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// Rockpool's JAX LIF neurons (RecLIFJax / RecLIFCurrentInJax without recurrence) for training. Per unit,
/// with β = e^(−dt/τ_syn), α = dt/τ_mem, threshold 0, reset by subtracting the step's spikes:
///   spike input:   I_t = β·I_{t−1} + x_t;       V_t = U_t + α(I_t + b − U_t)
///   current input: I_t = β·I_{t−1} (no input);  V_t = U_t + α(I_t + x_t + b − U_t)
///   U_t = V_{t−1} − S_{t−1};  S_t = max(0, ⌊V_t + 1⌋)   (several spikes per step possible)
/// Backward through time with the surrogate ∂S/∂V = [V > −0.5] (Rockpool's), from the last step back:
///   δS_t = ∂L/∂S_t − δU_{t+1};  δV_t = δS_t·S'(V_t) + δU_{t+1};  δU_t = (1 − α)δV_t;
///   δI_t = αδV_t + βδI_{t+1};   ∂L/∂x_t = δI_t (spike input) or αδV_t (current input);  ∂L/∂b = Σ αδV_t
/// <see cref="Spike"/> may replace the spike function and its surrogate (a smooth one makes the backward
/// pass the exact gradient, which is how the tests check it against finite differences).
/// V_{−1} = b (Rockpool's reset state), I_{−1} = 0, S_{−1} = 0. The bias b (per unit, default 0) is trainable. dt is read at each call.
/// </summary>
public sealed class LifLayer : ISequenceLayer
{
    private Sequence? _x, _v, _s;
    private double _alpha, _beta;

    public LifLayer(string name, int units, DtVariable dt, double tauMem = 0.02, double tauSyn = 0.05, bool spikeInput = false, double bias = 0)
    {
        Name = name;
        InputSize = OutputSize = units;
        Dt = dt;
        TauMem = tauMem;
        TauSyn = tauSyn;
        SpikeInput = spikeInput;
        Bias = new Parameter("bias", Enumerable.Repeat(bias, units).ToArray());
    }

    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public DtVariable Dt { get; }
    public double TauMem { get; }
    public double TauSyn { get; }
    public bool SpikeInput { get; }
    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters => [Bias];

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
        for (var b = 0; b < x.B; b++)
            for (var j = 0; j < x.N; j++)
            {
                double i = 0, v = Bias.Value[j], s = 0;   // V starts at the bias (Rockpool's reset_state)
                for (var t = 0; t < x.T; t++)
                {
                    i = _beta * i + (SpikeInput ? x[b, t, j] : 0);
                    var u = v - s;
                    v = u + _alpha * (i + (SpikeInput ? 0 : x[b, t, j]) + Bias.Value[j] - u);
                    s = Spike.F(v);
                    _v[b, t, j] = v;
                    _s[b, t, j] = s;
                }
            }
        return _s.Copy();
    }

    public Sequence Backward(Sequence g)
    {
        var x = _x ?? throw new InvalidOperationException("backward before forward");
        var gx = x.Zeros();
        for (var b = 0; b < x.B; b++)
            for (var j = 0; j < x.N; j++)
            {
                double dU = 0, dI = 0;   // δU_{t+1}, δI_{t+1}
                for (var t = x.T - 1; t >= 0; t--)
                {
                    var dS = g[b, t, j] - dU;
                    var dV = dS * Spike.Surrogate(_v![b, t, j]) + dU;
                    dU = (1 - _alpha) * dV;
                    dI = _alpha * dV + _beta * dI;
                    gx[b, t, j] = SpikeInput ? dI : _alpha * dV;
                    Bias.Grad[j] += _alpha * dV;
                }
                Bias.Grad[j] += dU;   // V_{−1} = b

            }
        return gx;
    }
}
