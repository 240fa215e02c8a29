namespace EventSpike.Neurons.Training.Gradient;

/// <summary>A projection applied to a parameter after each optimiser step (Keras constraints).</summary>
public interface IConstraint
{
    void Apply(double[] value);
}
