namespace EventSpike.Neurons.Training.Gradient;

/// <summary>Average over time (PyTorchSpiking's TemporalAvgPool / Keras GlobalAveragePooling1D): (B, T, N) → (B, 1, N), y = Σ_t x_t / T; ∂L/∂x_t = ∂L/∂y / T.</summary>
public sealed class TemporalAverageLayer(string name, int units) : ISequenceLayer
{
    private int _steps;

    public string Name { get; } = name;
    public int InputSize { get; } = units;
    public int OutputSize { get; } = units;
    public IReadOnlyList<Parameter> Parameters => [];

    public Sequence Forward(Sequence x, bool training)
    {
        _steps = x.T;
        var y = new Sequence(x.B, 1, x.N);
        for (var b = 0; b < x.B; b++)
            for (var t = 0; t < x.T; t++)
                for (var j = 0; j < x.N; j++) y[b, 0, j] += x[b, t, j] / x.T;
        return y;
    }

    public Sequence Backward(Sequence g)
    {
        var gx = new Sequence(g.B, _steps, g.N);
        for (var b = 0; b < g.B; b++)
            for (var t = 0; t < _steps; t++)
                for (var j = 0; j < g.N; j++) gx[b, t, j] = g[b, 0, j] / _steps;
        return gx;
    }
}
