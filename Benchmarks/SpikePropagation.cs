using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Benchmarks;

/// <summary>
/// CSR spike propagation with Brunel's fan-out (12,500 neurons, 15.6 M synapses, about 1,250
/// targets per spike): one step's spikes at 32 Hz (40 spikes) added to an input row, whole rows
/// (<see cref="SynapseTable.AccumulateRow"/>, the serial engine) or the half of each row that one
/// of two partitions owns (<see cref="SynapseTable.AccumulateSlice"/>, the split engine).
/// </summary>
[MemoryDiagnoser]
public class SpikePropagation
{
    private const int N = 12500;
    private const int SpikesPerStep = 40;
    private SynapseTable _table = null!;
    private int[] _half = null!;
    private int[] _fired = null!;
    private double[] _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        _table = BrunelLike.Table(N);
        _half = _table.RowOffsetsAt(N / 2);
        var rng = StreamSeed.Generator(7, "bench:fired");
        _fired = Enumerable.Range(0, SpikesPerStep).Select(_ => rng.NextInt(N)).Order().ToArray();
        _row = new double[N];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpikesPerStep)]
    public void AccumulateRow()
    {
        foreach (var pre in _fired) _table.AccumulateRow(pre, _row);
    }

    [Benchmark(OperationsPerInvoke = SpikesPerStep)]
    public void AccumulateSliceFirstHalf()
    {
        foreach (var pre in _fired) _table.AccumulateSlice(_table.RowStart[pre], _half[pre], _row);
    }
}
