using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Models;

namespace EventSpike.Benchmarks;

/// <summary>
/// One step of Brunel's neurons: <see cref="IafPscDelta.StepRange"/> with the independent 20 kHz
/// Poisson drive per neuron (two draws per neuron per step at dt 0.1 ms), no recurrent input.
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

    [GlobalSetup]
    public void Setup()
    {
        _model = BrunelLike.Neurons(N);
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
