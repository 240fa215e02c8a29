namespace EventSpike.Neurons.Runtime;

/// <summary>
/// What probe <paramref name="Probe"/> recorded in one window: sample i was taken after step
/// <c>Steps[i]</c>; <c>Values[i·neurons + j]</c> is its j-th neuron.
/// </summary>
public sealed record ProbeWindow(int Probe, long[] Steps, double[] Values);
