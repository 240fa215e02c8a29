using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// A layer's own noise streams, one per block of <see cref="BlockSize"/> neurons (the layer's
/// streams 0, 1, ...). Neuron j always draws from block j / 1024 and neurons of a block draw in
/// ascending order each step, so the noise does not depend on how the layer is split.
/// </summary>
public sealed class BlockNoise
{
    public const int BlockSize = 1024;

    private readonly Xoshiro256StarStar[] _streams;
    private readonly ulong[][] _initial;

    public BlockNoise(int size, Func<int, Xoshiro256StarStar> streams)
    {
        _streams = new Xoshiro256StarStar[Math.Max(1, (size + BlockSize - 1) / BlockSize)];
        for (var b = 0; b < _streams.Length; b++) _streams[b] = streams(b);
        _initial = _streams.Select(s => s.GetState()).ToArray();
    }

    /// <summary>A standard normal draw for neuron (or channel) <paramref name="j"/>.</summary>
    public double Gaussian(int j) => _streams[j / BlockSize].NextGaussian();

    /// <summary>A uniform [0, 1) draw for neuron <paramref name="j"/>.</summary>
    public double Uniform(int j) => _streams[j / BlockSize].NextDouble();

    /// <summary>Back to the streams' initial states (as after construction).</summary>
    public void Reset()
    {
        for (var b = 0; b < _streams.Length; b++) _streams[b] = new Xoshiro256StarStar(_initial[b]);
    }

    public ulong[][] GetState() => _streams.Select(s => s.GetState()).ToArray();

    public void SetState(ulong[][] states)
    {
        if (states.Length != _streams.Length) throw new ArgumentException($"the layer has {_streams.Length} noise streams, got {states.Length}");
        for (var b = 0; b < states.Length; b++) _streams[b] = new Xoshiro256StarStar(states[b]);
    }
}
