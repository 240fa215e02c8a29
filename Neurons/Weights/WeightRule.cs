using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Weights;

/// <summary>
/// The weight of a new synapse from presynaptic neuron <c>pre</c>: fixed, or drawn from the
/// connection's own stream. Dale's law is expressed by giving excitatory and inhibitory
/// presynaptic ranges their own rule (see <see cref="ExcitatoryInhibitory"/>).
/// </summary>
public delegate float WeightRule(int pre, Xoshiro256StarStar rng);

public static class WeightRules
{
    public static WeightRule Constant(double w) => (_, _) => (float)w;

    /// <summary>Normal weights N(mean, std²).</summary>
    public static WeightRule Normal(double mean, double std) => (_, rng) => (float)(mean + std * rng.NextGaussian());

    /// <summary>Uniform weights on [low, high).</summary>
    public static WeightRule Uniform(double low, double high) => (_, rng) => (float)rng.NextUniform(low, high);

    /// <summary>Presynaptic neurons below <paramref name="excitatoryCount"/> use <paramref name="exc"/>, the others <paramref name="inh"/>.</summary>
    public static WeightRule ExcitatoryInhibitory(int excitatoryCount, WeightRule exc, WeightRule inh) =>
        (pre, rng) => pre < excitatoryCount ? exc(pre, rng) : inh(pre, rng);
}
