using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Models;

namespace EventSpike.Benchmarks;

/// <summary>
/// One step of Brunel's neurons: <see cref="IafPscDelta.StepRange"/> with the independent 20 kHz
/// Poisson drive per neuron (λ = 2 events per neuron per step at dt 0.1 ms, one uniform draw and a
/// search of the CDF table each), and without it; no recurrent input.
/// </summary>
[MemoryDiagnoser]
public class IafPscDeltaDrive
{
    private IafPscDelta _model = null!;
    private double[][] _input = null!;
    private readonly List<int> _spikes = new();
    private long _step;

    [Params(12500)]
    public int N { get; set; }

    /// <summary>With the 20 kHz drive (Brunel's), or without it (the neuron update alone).</summary>
    [Params(true, false)]
    public bool Drive { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = BrunelLike.Neurons(N, drive: Drive);
        _input = [new double[N], new double[N]];
    }

    [Benchmark]
    public int Step()
    {
        _spikes.Clear();
        _model.StepRange(_step++, _input, _spikes, 0, N);
        return _spikes.Count;
    }
}
