using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Weights;

/// <summary>
/// The weight of a new synapse from presynaptic neuron <c>pre</c>: fixed, or drawn from the
/// connection's own stream. Dale's law is expressed by giving excitatory and inhibitory
/// presynaptic ranges their own rule (see <see cref="WeightRules.ExcitatoryInhibitory"/>).
/// </summary>
public delegate float WeightRule(int pre, Xoshiro256StarStar rng);
