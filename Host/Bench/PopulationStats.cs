using EventSpike.Actors.Recording;

namespace EventSpike.Host.Bench;

/// <summary>
/// Spike statistics per layer from step <c>fromStep</c> on (a warm-up excluded): spikes per neuron, and per neuron
/// the intervals between its spikes in that span (their count, sum and sum of squares), for the coefficient of
/// variation of the inter-spike intervals. Also counts every spike of every neuron (<see cref="AllSpikes"/>), for
/// the synaptic events of the whole run. With <c>windowSteps</c> &gt; 0 it also counts each layer's spikes per window of
/// that many steps from <c>fromStep</c> on (e.g. per simulated second), for the spread of the rate within one run.
/// </summary>
public sealed class PopulationStats(IReadOnlyList<int> layerSizes, long fromStep, long windowSteps = 0) : ISpikeSink
{
    private readonly long[][] _count = layerSizes.Select(n => new long[n]).ToArray();
    private readonly long[][] _all = layerSizes.Select(n => new long[n]).ToArray();
    private readonly long[][] _last = layerSizes.Select(n => Enumerable.Repeat(-1L, n).ToArray()).ToArray();
    private readonly double[][] _sum = layerSizes.Select(n => new double[n]).ToArray();
    private readonly double[][] _sumSq = layerSizes.Select(n => new double[n]).ToArray();
    private readonly int[][] _intervals = layerSizes.Select(n => new int[n]).ToArray();
    private readonly List<long>[] _windows = layerSizes.Select(_ => new List<long>()).ToArray();

    /// <summary>Every spike of each neuron of <paramref name="layer"/>, warm-up included.</summary>
    public ReadOnlySpan<long> AllSpikes(int layer) => _all[layer];

    public void Write(long step, int layer, ReadOnlySpan<int> neurons)
    {
        var all = _all[layer];
        foreach (var n in neurons) all[n]++;
        if (step < fromStep) return;
        if (windowSteps > 0)
        {
            var windows = _windows[layer];
            var w = (int)((step - fromStep) / windowSteps);
            while (windows.Count <= w) windows.Add(0);
            windows[w] += neurons.Length;
        }
        var count = _count[layer];
        var last = _last[layer];
        foreach (var n in neurons)
        {
            count[n]++;
            if (last[n] >= 0)
            {
                double isi = step - last[n];
                _sum[layer][n] += isi;
                _sumSq[layer][n] += isi * isi;
                _intervals[layer][n]++;
            }
            last[n] = step;
        }
    }

    /// <summary>Mean rate (Hz) of layer <paramref name="layer"/> over <paramref name="seconds"/> from the first counted step.</summary>
    public double Rate(int layer, double seconds) => _count[layer].Sum() / (_count[layer].Length * seconds);

    /// <summary>
    /// Mean rate (Hz) of layer <paramref name="layer"/> in each of the first <paramref name="windows"/> windows of
    /// <c>windowSteps</c> steps of <paramref name="dt"/> seconds (empty without windows).
    /// </summary>
    public double[] WindowRates(int layer, int windows, double dt)
    {
        if (windowSteps <= 0) return [];
        var counts = _windows[layer];
        return Enumerable.Range(0, windows).Select(w => (w < counts.Count ? counts[w] : 0) / (_count[layer].Length * windowSteps * dt)).ToArray();
    }

    /// <summary>
    /// Mean over the neurons with at least two intervals of the CV of their intervals (population s.d. / mean), and
    /// how many neurons that is; NaN when none has.
    /// </summary>
    public (double MeanCv, int Neurons) CvIsi(int layer)
    {
        var sum = 0.0;
        var neurons = 0;
        for (var n = 0; n < _intervals[layer].Length; n++)
        {
            var k = _intervals[layer][n];
            if (k < 2) continue;
            var mean = _sum[layer][n] / k;
            var variance = Math.Max(0, _sumSq[layer][n] / k - mean * mean);
            sum += Math.Sqrt(variance) / mean;
            neurons++;
        }
        return (neurons > 0 ? sum / neurons : double.NaN, neurons);
    }

    public void Complete()
    {
    }
}
