namespace EventSpike.Neurons.Runtime;

/// <summary>
/// One incoming connection of a layer as the engine sees it: the synapses, the delay in steps
/// (a spike of the source at step s reaches the targets at step s + DelaySteps), and the target
/// port. <see cref="Recurrent"/> marks a connection from the layer onto itself, which the engine
/// closes internally step by step (its delay must be ≥ 1 step).
/// </summary>
public sealed record Projection(SynapseTable Synapses, int DelaySteps, int Port, bool Recurrent);
