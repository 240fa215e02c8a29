namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// The constraints the KerasSpiking tests use on filter weights: <see cref="Mean"/> (KerasSpiking's
/// constraints.Mean: every value replaced by the mean, one shared value; e.g. one τ for all units),
/// <see cref="UnitNorm"/> (scaled to Euclidean norm 1) and <see cref="NonNeg"/> (negative values to 0).
/// </summary>
public static class Constraints
{
    public static readonly IConstraint Mean = new MeanConstraint();
    public static readonly IConstraint UnitNorm = new UnitNormConstraint();
    public static readonly IConstraint NonNeg = new NonNegConstraint();

    private sealed class MeanConstraint : IConstraint
    {
        public void Apply(double[] value) => Array.Fill(value, value.Average());
    }

    private sealed class UnitNormConstraint : IConstraint
    {
        public void Apply(double[] value)
        {
            var norm = Math.Sqrt(value.Sum(v => v * v));
            if (norm > 0) for (var i = 0; i < value.Length; i++) value[i] /= norm + 1e-7;
        }
    }

    private sealed class NonNegConstraint : IConstraint
    {
        public void Apply(double[] value)
        {
            for (var i = 0; i < value.Length; i++) value[i] = Math.Max(0, value[i]);
        }
    }
}
