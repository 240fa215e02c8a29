namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// The Adam optimiser (Kingma and Ba; Keras's defaults β1 = 0.9, β2 = 0.999, ε = 1e-7). Per step t and value:
///   m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  θ ← θ − lr·(m/(1 − β1ᵗ)) / (√(v/(1 − β2ᵗ)) + ε)
/// then the parameter's constraint, if any.
/// </summary>
public sealed class Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
{
    private readonly Dictionary<Parameter, (double[] M, double[] V)> _moments = new();
    private long _t;

    public double LearningRate { get; set; } = learningRate;

    public void Step(IEnumerable<Parameter> parameters)
    {
        _t++;
        var c1 = 1 - Math.Pow(beta1, _t);
        var c2 = 1 - Math.Pow(beta2, _t);
        foreach (var p in parameters)
        {
            if (!_moments.TryGetValue(p, out var mv)) _moments[p] = mv = (new double[p.Value.Length], new double[p.Value.Length]);
            for (var i = 0; i < p.Value.Length; i++)
            {
                var g = p.Grad[i];
                mv.M[i] = beta1 * mv.M[i] + (1 - beta1) * g;
                mv.V[i] = beta2 * mv.V[i] + (1 - beta2) * g * g;
                p.Value[i] -= LearningRate * (mv.M[i] / c1) / (Math.Sqrt(mv.V[i] / c2) + epsilon);
            }
            p.Constraint?.Apply(p.Value);
        }
    }
}
