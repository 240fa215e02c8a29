using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// The initial membrane potentials shared by the integrate-and-fire models: <c>v_init</c> absent
/// (rest), a number, <c>[low, high]</c> (uniform draw), or <c>{"mean","std"}</c> given as
/// <c>v_init_mean</c>/<c>v_init_std</c> (normal draw); <c>v_init_values</c> gives every value (what
/// <c>ToDict</c> writes back). Draws use the layer's stream of each block of <see cref="BlockSize"/>
/// neurons, so they do not depend on how the layer is split.
/// The normal draw's mean is <c>v_init_mean</c>, else <c>v_init</c> when it is a number, else each
/// neuron's rest potential: a layer starts at rest unless told otherwise, as Rockpool's layers start
/// from their rest state (zeros, where rest is 0), never at 0 V when rest is −65 mV. A
/// <c>[low, high]</c> <c>v_init</c> beside <c>v_init_std</c> is refused (two draws asked for).
/// </summary>
public static class InitialPotentials
{
    public const int BlockSize = 1024;

    public static double[] Draw(int size, double rest, double[]? spec, LayerParameters p, Func<int, Xoshiro256StarStar> streams) =>
        Draw(size, Enumerable.Repeat(rest, size).ToArray(), spec, p, streams);

    /// <summary>As <see cref="Draw(int, double, double[], LayerParameters, Func{int, Xoshiro256StarStar})"/> with a rest potential per neuron.</summary>
    public static double[] Draw(int size, double[] rest, double[]? spec, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
    {
        var v = new double[size];
        if (p.Has("v_init_values"))
            return p.PerNeuron("v_init_values", 0, size);
        if (p.Has("v_init_mean") || p.Has("v_init_std"))
        {
            if (spec is [_, _] && !p.Has("v_init_mean"))
                throw new ModelParameterException("v_init_std", "v_init_std draws around v_init_mean or a number v_init, not around the [low, high] range v_init gives");
            var std = p.Scalar("v_init_std", 0);
            double? mean = p.Has("v_init_mean") ? p.Scalar("v_init_mean", 0) : spec is [var x] ? x : null;
            Fill(v, streams, rng => std * rng.NextGaussian());
            for (var j = 0; j < size; j++) v[j] += mean ?? rest[j];
            return v;
        }
        switch (spec)
        {
            case null: Array.Copy(rest, v, size); break;
            case [var x]: Array.Fill(v, x); break;
            case [var lo, var hi]: Fill(v, streams, rng => rng.NextUniform(lo, hi)); break;
            default: throw new ModelParameterException("v_init", "v_init is a number or a [low, high] range for a uniform draw");
        }
        return v;
    }

    /// <summary>
    /// Fills each block of neurons from its own initialisation stream: block b draws from stream
    /// −1 − b − 10⁶·variable, so the streams a model uses while running (0, 1, ...) stay untouched.
    /// </summary>
    /// <param name="variable">Which initialised variable (0 for the potential, 1, 2, ... for others), so each draws its own streams.</param>
    public static void Fill(double[] values, Func<int, Xoshiro256StarStar> streams, Func<Xoshiro256StarStar, double> draw, int variable = 0)
    {
        for (var b = 0; b * BlockSize < values.Length; b++)
        {
            var rng = streams(-1 - b - variable * 1_000_000);
            var end = Math.Min(values.Length, (b + 1) * BlockSize);
            for (var j = b * BlockSize; j < end; j++) values[j] = draw(rng);
        }
    }
}
