namespace EventSpike.Neurons.Models;

/// <summary>
/// A model whose step begins by adding a spike port's input row into a per-neuron variable (I ← I + input, then the
/// step uses I) and reads that row nowhere else. The engine may then add a sparse row (a few targets hit) into the
/// variable itself before the step, target by target, and hand the model the port's zero row
/// (<see cref="ZeroRows"/>): each neuron's I + input is the same sum of the same two numbers, so the step gives the
/// same bits, while the model streams two rows fewer per step. The model must still add the zero row's 0.0
/// (I + 0.0, not I), so a −0.0 becomes +0.0 as before.
/// </summary>
public interface IAccumulatingInput
{
    /// <summary>The array port <paramref name="port"/>'s input is added into at the start of a step, or null when the port's input must come as a row.</summary>
    double[]? AccumulatorOf(int port);
}
