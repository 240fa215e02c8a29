using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Benchmarks;

/// <summary>
/// <see cref="LayerEngine.Evolve"/> of the full Brunel layer (12,500 iaf_psc_delta neurons with
/// Poisson drive, 15.6 M recurrent synapses, delay 15 steps) for one window of 15 steps (1.5 ms),
/// serial and split over a <see cref="KernelPool"/> of 2. The network runs on from one invocation
/// to the next, so after warm-up it is in its asynchronous irregular state.
/// </summary>
[MemoryDiagnoser]
public class EngineWindow
{
    private LayerEngine _engine = null!;
    private readonly SpikeWindowBuilder _spikes = new();

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int n = 12500;
        var model = BrunelLike.Neurons(n);
        var projection = new Projection(BrunelLike.Table(n), BrunelLike.DelaySteps, 0, Recurrent: true);
        _engine = new LayerEngine(model, [projection], 2 * BrunelLike.DelaySteps, 0, Workers > 1 ? new KernelPool(Workers) : null);
        _engine.Evolve(2000); // 0.2 s: past the initial transient
    }

    [Benchmark]
    public void Window() => _engine.Evolve(BrunelLike.DelaySteps, _spikes);
}
