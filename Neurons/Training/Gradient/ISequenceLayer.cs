namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// A layer of a trainable sequence model: <see cref="Forward"/> maps (B, T, in) to (B, T', out) and keeps
/// what <see cref="Backward"/> needs; Backward takes ∂L/∂output, adds the parameter gradients to
/// <see cref="Parameter.Grad"/> and returns ∂L/∂input.
/// </summary>
public interface ISequenceLayer
{
    string Name { get; }
    int InputSize { get; }
    int OutputSize { get; }
    IReadOnlyList<Parameter> Parameters { get; }
    Sequence Forward(Sequence x, bool training);
    Sequence Backward(Sequence gradOutput);
}
