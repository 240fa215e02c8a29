using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Weights;

/// <summary>The common weight rules: constant, normal, uniform, and excitatory/inhibitory by presynaptic index.</summary>
public static class WeightRules
{
    public static WeightRule Constant(double w) => (_, _) => (float)w;

    /// <summary>Normal weights N(mean, std²).</summary>
    public static WeightRule Normal(double mean, double std) => (_, rng) => (float)(mean + std * rng.NextGaussian());

    /// <summary>
    /// Normal weights N(mean, std²) clipped to [<paramref name="min"/>, <paramref name="max"/>]: a draw beyond a bound
    /// becomes the bound (e.g. min 0 for excitatory weights, so a synapse keeps its sign). One Gaussian per synapse, as <see cref="Normal"/>.
    /// </summary>
    public static WeightRule ClippedNormal(double mean, double std, double min, double max) =>
        (_, rng) => (float)Math.Clamp(mean + std * rng.NextGaussian(), min, max);

    /// <summary>Uniform weights on [low, high).</summary>
    public static WeightRule Uniform(double low, double high) => (_, rng) => (float)rng.NextUniform(low, high);

    /// <summary>Presynaptic neurons below <paramref name="excitatoryCount"/> use <paramref name="exc"/>, the others <paramref name="inh"/>.</summary>
    public static WeightRule ExcitatoryInhibitory(int excitatoryCount, WeightRule exc, WeightRule inh) =>
        (pre, rng) => pre < excitatoryCount ? exc(pre, rng) : inh(pre, rng);
}
