using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// An independent Poisson input to every neuron of a layer at <c>rate</c> Hz (NEST's
/// poisson_generator connected one-to-one): in each step neuron j receives k ~ Poisson(rate·dt)
/// events. Counts are drawn by inversion against a precomputed table of the cumulative
/// distribution, one uniform per neuron and step, from the stream of the neuron's block.
/// </summary>
public sealed class PoissonDrive
{
    private readonly double[] _cdf;
    private readonly double _lambda;
    private readonly Xoshiro256StarStar[] _streams;
    private readonly ulong[][] _initial;

    public PoissonDrive(int size, double rate, double dt, Func<int, Xoshiro256StarStar> streams)
    {
        if (!(rate >= 0) || double.IsInfinity(rate)) throw new ModelParameterException("drive_rate", $"drive_rate must be ≥ 0 Hz, got {rate}");
        _lambda = rate * dt;
        var cdf = new List<double>();
        var p = Math.Exp(-_lambda);
        var sum = p;
        cdf.Add(sum);
        for (var k = 1; sum < 1 - 1e-16 && k < 10_000; k++)
        {
            p *= _lambda / k;
            sum += p;
            cdf.Add(sum);
            if (p < 1e-18 && k > _lambda) break;
        }
        _cdf = cdf.ToArray();
        _streams = new Xoshiro256StarStar[(size + InitialPotentials.BlockSize - 1) / InitialPotentials.BlockSize];
        for (var b = 0; b < _streams.Length; b++) _streams[b] = streams(b);
        _initial = _streams.Select(s => s.GetState()).ToArray();
    }

    public bool Active => _lambda > 0;

    /// <summary>The stream of neuron block <paramref name="block"/>; draw once per neuron per step, in neuron order within the block.</summary>
    public Xoshiro256StarStar Stream(int block) => _streams[block];

    /// <summary>An event count from <paramref name="rng"/> (the stream of the neuron's block).</summary>
    public int Draw(Xoshiro256StarStar rng)
    {
        var u = rng.NextDouble();
        var cdf = _cdf;
        var k = 0;
        while (u > cdf[k] && k < cdf.Length - 1) k++;
        return k;
    }

    public void Reset()
    {
        for (var b = 0; b < _streams.Length; b++) _streams[b] = new Xoshiro256StarStar(_initial[b]);
    }

    public ulong[][] GetState() => _streams.Select(s => s.GetState()).ToArray();

    public void SetState(ulong[][] states)
    {
        if (states.Length != _streams.Length) throw new ArgumentException($"the drive has {_streams.Length} streams, got {states.Length}");
        for (var b = 0; b < states.Length; b++) _streams[b] = new Xoshiro256StarStar(states[b]);
    }
}
