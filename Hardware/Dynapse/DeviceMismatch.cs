using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Frozen device mismatch (dynapse.md §5.7): a factor max(0.1, 1 + σ·z) per neuron and parameter,
/// and one per synapse (connection), with z a standard normal computed from a counter-based hash of
/// (seed, neuron ID, parameter) or (seed, post, pre, type) — SplitMix64 into Box–Muller — so a
/// factor depends only on its address, never on threads, placement or the order of draws. σ = 0
/// gives exactly 1 everywhere. The default σ is Rockpool 1's 0.2 (VirtualDynapse's STDDEV_MISMATCH).
/// </summary>
public sealed record DeviceMismatch(ulong Seed, double Sigma)
{
    public const double DefaultSigma = 0.2;

    /// <summary>No mismatch: every factor is exactly 1.</summary>
    public static readonly DeviceMismatch None = new(0, 0);

    /// <summary>Lower clip of a factor (Rockpool 1's).</summary>
    public const double MinFactor = 0.1;

    /// <summary>The factor of parameter <paramref name="parameter"/> of board neuron <paramref name="neuron"/>.</summary>
    public double Neuron(int neuron, int parameter) =>
        Sigma == 0 ? 1.0 : Factor(Normal(Seed, 0x4E455552UL, (ulong)neuron, (ulong)parameter));

    /// <summary>The factor of a connection pre → post of a synapse type (virtual pre IDs offset by 2^20).</summary>
    public double Synapse(int post, int pre, bool virtualPre, SynapseType type) =>
        Sigma == 0 ? 1.0 : Factor(Normal(Seed, 0x53594E41UL, (ulong)post, ((ulong)(virtualPre ? 1 : 0) << 40) | ((ulong)pre << 4) | (ulong)type));

    private double Factor(double z) => Math.Max(MinFactor, 1 + Sigma * z);

    /// <summary>A standard normal from the address (domain, a, b): two SplitMix64 outputs through Box–Muller.</summary>
    public static double Normal(ulong seed, ulong domain, ulong a, ulong b)
    {
        var state = seed ^ (domain * 0x9E3779B97F4A7C15UL);
        StreamSeed.SplitMix64(ref state);
        state ^= a * 0xD1B54A32D192ED03UL;
        StreamSeed.SplitMix64(ref state);
        state ^= b * 0xAEF17502108EF2D9UL;
        var u1 = ((StreamSeed.SplitMix64(ref state) >> 11) + 1) * (1.0 / (1UL << 53)); // (0, 1]
        var u2 = (StreamSeed.SplitMix64(ref state) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
