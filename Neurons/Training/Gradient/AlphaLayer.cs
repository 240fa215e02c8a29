namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's Alpha filter for training, per unit (the simulator's Alpha model's equations): state
/// x = [p, y], with τ' = max(τ, 1e-8), k = dt/τ', e = e^(−k):
///   A = e·[[1 − k, −k/τ'], [dt, 1 + k]],  B = [e·k/τ', 1 − e·(1 + k)]ᵀ;  x_t = A·x_{t−1} + B·u_t;  out = y_t
///   x_{−1} = [0, initial_level]
/// Backward through time with λ_t = ∂L/∂x_t = [0, ∂L/∂y_t] + Aᵀλ_{t+1}: ∂L/∂u_t = Bᵀλ_t,
/// ∂L/∂τ = Σ_t λ_tᵀ(∂A/∂τ·x_{t−1} + ∂B/∂τ·u_t) (with ∂k/∂τ = −k/τ, ∂e/∂τ = e·k/τ:
/// ∂a00 = e·k(2 − k)/τ, ∂a01 = e·k(2 − k)/τ², ∂a10 = e·k·dt/τ, ∂a11 = e·k²/τ, ∂b0 = −∂a01, ∂b1 = −∂a11),
/// ∂L/∂initial_level = (Aᵀλ_0)[1]. Training switches as <see cref="LowpassLayer"/>.
/// </summary>
public sealed class AlphaLayer : ISequenceLayer
{
    private Sequence? _u, _p, _y;
    private double _dt;
    private bool _skipped;

    public AlphaLayer(string name, int units, double tau, DtVariable dt, double initialLevel = 0, bool applyDuringTraining = true,
        bool trainable = true, IConstraint? tauConstraint = null, IConstraint? levelConstraint = null)
    {
        if (!(tau >= 0)) throw new ArgumentException($"{name}: tau must be ≥ 0, got {tau}");
        Name = name;
        InputSize = OutputSize = units;
        Dt = dt;
        ApplyDuringTraining = applyDuringTraining;
        Tau = new Parameter("tau", Enumerable.Repeat(tau, units).ToArray(), tauConstraint);
        InitialLevel = new Parameter("initial_level", Enumerable.Repeat(initialLevel, units).ToArray(), levelConstraint);
        Parameters = trainable && applyDuringTraining ? [Tau, InitialLevel] : [];
    }

    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public DtVariable Dt { get; }
    public bool ApplyDuringTraining { get; }
    public Parameter Tau { get; }
    public Parameter InitialLevel { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    private (double A00, double A01, double A10, double A11, double B0, double B1, double K, double E, double T) Matrices(int j)
    {
        var tau = Math.Max(Tau.Value[j], 1e-8);
        var k = _dt / tau;
        var e = Math.Exp(-k);
        return (e * (1 - k), -e * k / tau, e * _dt, e * (1 + k), e * k / tau, 1 - e * (1 + k), k, e, tau);
    }

    public Sequence Forward(Sequence u, bool training)
    {
        _u = u;
        _skipped = training && !ApplyDuringTraining;
        if (_skipped) return u.Copy();
        _dt = Dt.Value;
        _p = u.Zeros();
        _y = u.Zeros();
        for (var j = 0; j < u.N; j++)
        {
            var m = Matrices(j);
            for (var b = 0; b < u.B; b++)
            {
                double p = 0, y = InitialLevel.Value[j];
                for (var t = 0; t < u.T; t++)
                {
                    var pn = m.A00 * p + m.A01 * y + m.B0 * u[b, t, j];
                    var yn = m.A10 * p + m.A11 * y + m.B1 * u[b, t, j];
                    (p, y) = (pn, yn);
                    _p[b, t, j] = p;
                    _y[b, t, j] = y;
                }
            }
        }
        return _y.Copy();
    }

    public Sequence Backward(Sequence g)
    {
        var u = _u ?? throw new InvalidOperationException("backward before forward");
        if (_skipped) return g.Copy();
        var gu = u.Zeros();
        for (var j = 0; j < u.N; j++)
        {
            var m = Matrices(j);
            var small = Tau.Value[j] < 1e-8;
            var (k, e, tau) = (m.K, m.E, m.T);
            double d00 = e * k * (2 - k) / tau, d01 = e * k * (2 - k) / (tau * tau), d10 = e * k * _dt / tau, d11 = e * k * k / tau;
            double dTau = 0, dLevel = 0;
            for (var b = 0; b < u.B; b++)
            {
                double lp = 0, ly = 0;  // Aᵀλ_{t+1}
                for (var t = u.T - 1; t >= 0; t--)
                {
                    var (p0, y0) = t > 0 ? (_p![b, t - 1, j], _y![b, t - 1, j]) : (0.0, InitialLevel.Value[j]);
                    var (cp, cy) = (lp, ly + g[b, t, j]);            // λ_t
                    gu[b, t, j] = m.B0 * cp + m.B1 * cy;
                    dTau += cp * (d00 * p0 + d01 * y0 - d01 * u[b, t, j]) + cy * (d10 * p0 + d11 * y0 - d11 * u[b, t, j]);
                    (lp, ly) = (m.A00 * cp + m.A10 * cy, m.A01 * cp + m.A11 * cy);
                }
                dLevel += ly;
            }
            Tau.Grad[j] += small ? 0 : dTau;
            InitialLevel.Grad[j] += dLevel;
        }
        return gu;
    }
}
