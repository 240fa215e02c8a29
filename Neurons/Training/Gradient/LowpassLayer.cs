namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's Lowpass for training, per unit (the simulator's Lowpass model's equations):
///   a = e^(−dt/max(τ, 1e-8));   y_t = (1 − a)·u_t + a·y_{t−1};   y_{−1} = initial_level
/// Backward through time, with δ_t = ∂L/∂y_t + a·δ_{t+1}:
///   ∂L/∂u_t = (1 − a)·δ_t;  ∂L/∂a = Σ_t δ_t·(y_{t−1} − u_t);  ∂a/∂τ = a·dt/τ² (0 below 1e-8);
///   ∂L/∂initial_level = a·δ_0
/// τ and the initial level are trainable (with optional constraints) when applied during training; with
/// <c>applyDuringTraining</c> false the layer is the identity while training and its weights are frozen.
/// </summary>
public sealed class LowpassLayer : ISequenceLayer
{
    private Sequence? _u, _y;
    private double _dt;
    private bool _skipped;

    public LowpassLayer(string name, int units, double tau, DtVariable dt, double initialLevel = 0, bool applyDuringTraining = true,
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

    private double A(int j) => Math.Exp(-_dt / Math.Max(Tau.Value[j], 1e-8));

    public Sequence Forward(Sequence u, bool training)
    {
        _u = u;
        _skipped = training && !ApplyDuringTraining;
        if (_skipped) return u.Copy();
        _dt = Dt.Value;
        var y = u.Zeros();
        for (var j = 0; j < u.N; j++)
        {
            var a = A(j);
            for (var b = 0; b < u.B; b++)
            {
                var prev = InitialLevel.Value[j];
                for (var t = 0; t < u.T; t++) prev = y[b, t, j] = (1 - a) * u[b, t, j] + a * prev;
            }
        }
        _y = y;
        return y;
    }

    public Sequence Backward(Sequence g)
    {
        var u = _u ?? throw new InvalidOperationException("backward before forward");
        if (_skipped) return g.Copy();
        var y = _y!;
        var gu = u.Zeros();
        for (var j = 0; j < u.N; j++)
        {
            var a = A(j);
            double da = 0, dLevel = 0;
            for (var b = 0; b < u.B; b++)
            {
                var delta = 0.0;
                for (var t = u.T - 1; t >= 0; t--)
                {
                    delta = g[b, t, j] + a * delta;
                    gu[b, t, j] = (1 - a) * delta;
                    var prev = t > 0 ? y[b, t - 1, j] : InitialLevel.Value[j];
                    da += delta * (prev - u[b, t, j]);
                }
                dLevel += a * delta;
            }
            var tau = Tau.Value[j];
            Tau.Grad[j] += tau < 1e-8 ? 0 : da * a * _dt / (tau * tau);
            InitialLevel.Grad[j] += dLevel;
        }
        return gu;
    }
}
