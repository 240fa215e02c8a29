using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Benchmarks;

/// <summary>
/// One step of CUBA's neurons: <see cref="IafPscExp.StepRange"/> (exact integration, Vector256
/// four neurons at a time) over the whole layer, with a fixed random excitatory and inhibitory
/// input row so that neurons keep crossing threshold (spikes and refractoriness take their branch).
/// </summary>
[MemoryDiagnoser]
public class IafPscExpStep
{
    private IafPscExp _model = null!;
    private double[][] _input = null!;
    private readonly List<int> _spikes = new();
    private long _step;

    [Params(4000, 12500)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new IafPscExp(N, 1e-4, LayerParameters.From(
                ("tau_mem", 0.02), ("tau_syn_exc", 0.005), ("tau_syn_inh", 0.01), ("v_thresh", -0.05), ("v_reset", -0.06),
                ("v_rest", -0.049), ("refractory", 0.005), ("v_init", new[] { -0.06, -0.05 })),
            block => StreamSeed.Generator(1, "bench:iaf_psc_exp", block));
        var rng = StreamSeed.Generator(1, "bench:iaf_psc_exp:input");
        var exc = new double[N];
        var inh = new double[N];
        for (var j = 0; j < N; j++)
        {
            // About one E spike (1.62 mV) in 50 steps and one I spike (−9 mV) in 200, per neuron.
            exc[j] = rng.NextDouble() < 0.02 ? 0.00162 : 0;
            inh[j] = rng.NextDouble() < 0.005 ? -0.009 : 0;
        }
        _input = [exc, inh, new double[N]];
    }

    [Benchmark]
    public int Step()
    {
        _spikes.Clear();
        _model.StepRange(_step++, _input, _spikes, 0, N);
        return _spikes.Count;
    }
}
