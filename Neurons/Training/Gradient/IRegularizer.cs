namespace EventSpike.Neurons.Training.Gradient;

/// <summary>A penalty on a layer's activity (B, T, N) and its gradient with respect to every element.</summary>
public interface IRegularizer
{
    double Penalty(Sequence x);

    /// <summary>∂penalty/∂x, added to <paramref name="grad"/> scaled by <paramref name="scale"/>.</summary>
    void AddGradient(Sequence x, Sequence grad, double scale);
}
