using BenchmarkDotNet.Attributes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Benchmarks;

/// <summary>
/// The dense kernel of the <c>dense</c> bench: y = x·W for W[784, 128] (<see cref="DenseMatrix.VecMat"/>,
/// one TensorPrimitives multiply-add per input row), with a dense input (an image) and with a spike-count
/// input that is 90% zeros (skipped); 32 products one by one vs <see cref="DenseMatrix.AccumulateBatch"/>;
/// and one step of <see cref="BatchedSpikingDense"/> for a batch of 32.
/// </summary>
[MemoryDiagnoser]
public class DenseMatVec
{
    private const int Inputs = 784, Units = 128, Batch = 32;
    private DenseMatrix _w = null!;
    private double[] _dense = null!;
    private double[] _sparse = null!;
    private double[] _y = null!;
    private BatchedSpikingDense _layer = null!;
    private double[][] _batchInput = null!;
    private double[] _batchY = null!;
    private readonly List<int> _spikes = new();
    private long _step;

    [GlobalSetup]
    public void Setup()
    {
        var rng = StreamSeed.Generator(3, "bench:dense");
        var limit = Math.Sqrt(6.0 / (Inputs + Units));
        _w = new DenseMatrix(Inputs, Units, Enumerable.Range(0, Inputs * Units).Select(_ => rng.NextUniform(-limit, limit)).ToArray());
        _dense = Enumerable.Range(0, Inputs).Select(_ => 100 * rng.NextDouble()).ToArray();
        _sparse = Enumerable.Range(0, Inputs).Select(_ => rng.NextDouble() < 0.1 ? 1000.0 : 0).ToArray();
        _y = new double[Units];
        _layer = new BatchedSpikingDense(_w, Batch, 1e-3, PortKind.Current, block => StreamSeed.Generator(3, "bench:layer", block));
        _batchInput = [Enumerable.Range(0, Batch * Inputs).Select(_ => 100 * rng.NextDouble()).ToArray()];
        _batchY = new double[Batch * Units];
    }

    [Benchmark(Baseline = true)]
    public void VecMatDenseInput() => _w.VecMat(_dense, _y);

    [Benchmark]
    public void VecMatSpikeCounts() => _w.VecMat(_sparse, _y);

    /// <summary>32 images one after the other: W is read 32 times.</summary>
    [Benchmark]
    public void VecMat32Times()
    {
        for (var b = 0; b < Batch; b++) _w.VecMat(_batchInput[0].AsSpan(b * Inputs, Inputs), _batchY.AsSpan(b * Units, Units));
    }

    /// <summary>The same 32 products with the loops swapped: W is read once.</summary>
    [Benchmark]
    public void AccumulateBatch32()
    {
        Array.Clear(_batchY);
        _w.AccumulateBatch(_batchInput[0], Batch, _batchY);
    }

    [Benchmark]
    public int BatchedLayerStep()
    {
        _spikes.Clear();
        _layer.Step(_step++, _batchInput, _spikes);
        return _spikes.Count;
    }
}
