using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Benchmarks;

/// <summary>
/// One step of spikes into the Sinabs CNN's second convolution (16×16×16 → 16×16×16, 3×3, padding 1): the synapse
/// table's rows against the convolution kernel (the same sums). 10 % of the inputs spike.
/// </summary>
[MemoryDiagnoser]
public class ConvPropagation
{
    private SynapseTable _table = null!;
    private ConvKernel _kernel = null!;
    private int[] _spikes = [];
    private readonly double[] _row = new double[16 * 16 * 16];

    [GlobalSetup]
    public void Setup()
    {
        var r = new System.Random(1);
        var weights = Enumerable.Range(0, 16 * 16 * 9).Select(_ => r.NextDouble() - 0.5).ToArray();
        _kernel = new ConvKernel([new ConvStage(ConvKind.Conv, 16, 16, [16, 16], [3, 3], [1, 1], [1, 1], [1, 1], 1, weights)]);
        var b = new SynapseTableBuilder(_kernel.InSize, _kernel.OutSize);
        foreach (var (pre, post, w) in _kernel.Synapses()) b.Add(pre, post, (float)w);
        _table = b.Build();
        _spikes = Enumerable.Range(0, _kernel.InSize).Where(_ => r.Next(10) == 0).ToArray();
    }

    [Benchmark(Baseline = true)]
    public void Table()
    {
        foreach (var s in _spikes) _table.AccumulateRow(s, _row);
    }

    [Benchmark]
    public void Kernel() => _kernel.AddSpikes(_spikes, 0, _row, null);
}
