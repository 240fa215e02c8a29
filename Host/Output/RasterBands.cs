namespace EventSpike.Host.Output;

/// <summary>
/// Where each layer sits in a raster: layer i gets a band from <see cref="Bottom"/>(i) to <see cref="Top"/>(i),
/// as tall as it has neurons but at least a given share of the whole, so small layers stay visible.
/// Neuron n of layer i is drawn at the middle of its own slice of the band.
/// </summary>
public sealed class RasterBands
{
    private readonly double[] _bottom;
    private readonly double[] _height;
    private readonly IReadOnlyList<int> _sizes;

    private RasterBands(IReadOnlyList<int> sizes, double[] height)
    {
        _sizes = sizes;
        _height = height;
        _bottom = new double[sizes.Count];
        for (var i = 1; i < sizes.Count; i++) _bottom[i] = _bottom[i - 1] + height[i - 1];
        Height = sizes.Count == 0 ? 0 : _bottom[^1] + height[^1];
    }

    /// <summary>Bands for layers of <paramref name="sizes"/> neurons, each at least <paramref name="minShare"/> of the total height.</summary>
    public static RasterBands For(IReadOnlyList<int> sizes, double minShare)
    {
        // With k layers raised to the minimum h and the rest at their sizes S: h = minShare·(k·h + S) → h = minShare·S/(1 − k·minShare).
        var height = sizes.Select(s => (double)Math.Max(s, 1)).ToArray();
        for (var round = 0; round < sizes.Count; round++)
        {
            var small = height.Select((h, i) => (h, i)).Where(p => p.h <= minShare * height.Sum() * (1 + 1e-12)).Select(p => p.i).ToHashSet();
            var rest = Enumerable.Range(0, height.Length).Where(i => !small.Contains(i)).Sum(i => (double)Math.Max(sizes[i], 1));
            if (small.Count == 0 || small.Count * minShare >= 1) break;
            var h = minShare * rest / (1 - small.Count * minShare);
            var changed = false;
            foreach (var i in small)
            {
                var target = Math.Max(sizes[i], h);
                changed |= target != height[i];
                height[i] = target;
            }
            if (!changed) break;
        }
        return new RasterBands(sizes, height);
    }

    public double Height { get; }

    public double Bottom(int layer) => _bottom[layer];

    public double Top(int layer) => _bottom[layer] + _height[layer];

    public double Centre(int layer) => _bottom[layer] + _height[layer] / 2;

    /// <summary>The height at which neuron <paramref name="neuron"/> of layer <paramref name="layer"/> is drawn.</summary>
    public double Y(int layer, int neuron) => _bottom[layer] + (neuron + 0.5) * _height[layer] / Math.Max(_sizes[layer], 1);
}
