using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Independent Poisson spike trains ("PoissonSource"), one per neuron, at <c>rate</c> Hz (scalar or
/// per neuron). In each step a neuron emits k ~ Poisson(rate·dt) spikes (k &gt; 1 repeats its index).
///
/// Draws are made step by step, never ahead, so a run's first t seconds do not depend on its
/// duration. Neurons are drawn in blocks of <see cref="BlockSize"/>, each block from its own stream
/// (network seed, layer, block): any split of the layer at block boundaries gives the same spikes.
/// </summary>
public sealed class PoissonSource : ILayerModel
{
    public const string TypeName = "PoissonSource";

    /// <summary>Neurons per random stream.</summary>
    public const int BlockSize = 1024;

    private readonly double[] _expMinusLambda;
    private readonly double[] _lambda;
    private readonly Xoshiro256StarStar[] _streams;
    private readonly ulong[][] _initialStreamStates;

    /// <summary>The most spikes a neuron may expect per step (rate·dt): more is a typo in rate or dt, and would flood memory.</summary>
    public const double MaxSpikesPerStep = 1000;

    public PoissonSource(int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> blockStream)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        Size = size;
        Dt = dt;
        Rate = p.PerNeuron("rate", 10.0, size);
        _lambda = new double[size];
        _expMinusLambda = new double[size];
        for (var j = 0; j < size; j++)
        {
            if (!(Rate[j] >= 0) || double.IsInfinity(Rate[j]))
                throw new ModelParameterException("rate", $"rate must be a finite number ≥ 0 Hz, got {Rate[j]}");
            if (Rate[j] * dt > MaxSpikesPerStep)
                throw new ModelParameterException("rate", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"rate {Rate[j]} Hz at dt {dt} s is {Rate[j] * dt:0.###e+0} spikes per step per neuron, more than {MaxSpikesPerStep}"));
            _lambda[j] = Rate[j] * dt;
            _expMinusLambda[j] = Math.Exp(-_lambda[j]);
        }
        _streams = new Xoshiro256StarStar[(size + BlockSize - 1) / BlockSize];
        for (var b = 0; b < _streams.Length; b++) _streams[b] = blockStream(b);
        _initialStreamStates = _streams.Select(s => s.GetState()).ToArray();
    }

    public string ClassName => TypeName;
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports => [];

    /// <summary>Rate of each train (Hz).</summary>
    public double[] Rate { get; }

    public void ResetState()
    {
        for (var b = 0; b < _streams.Length; b++) _streams[b] = new Xoshiro256StarStar(_initialStreamStates[b]);
    }

    public ulong[][] GetRandomState() => _streams.Select(s => s.GetState()).ToArray();

    public void SetRandomState(ulong[][] states)
    {
        if (states.Length != _streams.Length) throw new ArgumentException($"PoissonSource has {_streams.Length} streams, got {states.Length}");
        for (var b = 0; b < states.Length; b++) _streams[b] = new Xoshiro256StarStar(states[b]);
    }

    public System.Text.Json.Nodes.JsonObject ToDict()
    {
        var d = ModelDict.Create(TypeName, Size, Dt);
        d["rate"] = ModelDict.PerNeuron(Rate);
        return d;
    }

    public void Step(long step, double[][] portInput, List<int> spikes)
    {
        for (var b = 0; b < _streams.Length; b++)
        {
            var rng = _streams[b];
            var end = Math.Min(Size, (b + 1) * BlockSize);
            for (var j = b * BlockSize; j < end; j++)
            {
                // Inversion: one uniform decides k = 0 (by far the likeliest case).
                var u = rng.NextDouble();
                var p = _expMinusLambda[j];
                if (u <= p) continue;
                var lambda = _lambda[j];
                if (lambda >= 10.0)
                {
                    var n = rng.NextPoisson(lambda);
                    for (var c = 0; c < n; c++) spikes.Add(j);
                    continue;
                }
                var k = 0;
                var cumulative = p;
                while (u > cumulative && k < 1000)
                {
                    k++;
                    p *= lambda / k;
                    cumulative += p;
                    spikes.Add(j);
                }
            }
        }
    }
}
