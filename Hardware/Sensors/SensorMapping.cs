namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Maps sensor events to a layer's input channels (reference/sensors.md §4, "Canonical event and mapping"):
/// the pixel (x, y) is cropped to the rectangle [x0, x1) × [y0, y1), pooled by px × py (integer division), and
/// numbered row-major; with split polarity, OFF events take channels [0, W·H) and ON events [W·H, 2·W·H), i.e.
/// channel = (p·H + y)·W + x on the cropped, pooled grid. The network file's <c>"sensor"</c> object on an input
/// layer gives the same fields (docs/network-format.md).
/// </summary>
public sealed class SensorMapping
{
    private readonly int _x0, _y0, _x1, _y1, _px, _py;

    /// <param name="width">sensor width in pixels</param>
    /// <param name="height">sensor height in pixels</param>
    /// <param name="crop">[x0, y0, x1, y1] (x1, y1 exclusive); null for the whole sensor</param>
    /// <param name="pool">[px, py] pixels per channel along x and y; null for 1 × 1</param>
    /// <param name="splitPolarity">true: ON and OFF events go to separate channels; false: merged</param>
    public SensorMapping(int width, int height, int[]? crop = null, int[]? pool = null, bool splitPolarity = true)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"sensor size {width}x{height} must be positive");
        crop ??= [0, 0, width, height];
        pool ??= [1, 1];
        if (crop.Length != 4 || crop[0] < 0 || crop[1] < 0 || crop[2] > width || crop[3] > height || crop[0] >= crop[2] || crop[1] >= crop[3])
            throw new ArgumentException($"crop [{string.Join(", ", crop)}] must be [x0, y0, x1, y1] with 0 <= x0 < x1 <= {width} and 0 <= y0 < y1 <= {height}");
        if (pool.Length != 2 || pool[0] < 1 || pool[1] < 1) throw new ArgumentException($"pool [{string.Join(", ", pool)}] must be [px, py], each at least 1");
        (Width, Height, _x0, _y0, _x1, _y1, _px, _py, SplitPolarity) = (width, height, crop[0], crop[1], crop[2], crop[3], pool[0], pool[1], splitPolarity);
        GridWidth = (_x1 - _x0 + _px - 1) / _px;
        GridHeight = (_y1 - _y0 + _py - 1) / _py;
    }

    public int Width { get; }
    public int Height { get; }
    public bool SplitPolarity { get; }

    /// <summary>Columns and rows of the channel grid after cropping and pooling (a partial last block counts).</summary>
    public int GridWidth { get; }
    public int GridHeight { get; }

    /// <summary>How many input channels the layer needs: grid size, times 2 with split polarity.</summary>
    public int Channels => GridWidth * GridHeight * (SplitPolarity ? 2 : 1);

    /// <summary>The channel of <paramref name="e"/>, or -1 when the crop leaves it out.</summary>
    public int ChannelOf(in SensorEvent e)
    {
        int x = e.X, y = e.Y;
        if (x < _x0 || x >= _x1 || y < _y0 || y >= _y1) return -1;
        var gx = (x - _x0) / _px;
        var gy = (y - _y0) / _py;
        var p = SplitPolarity && e.Polarity ? 1 : 0;
        return (p * GridHeight + gy) * GridWidth + gx;
    }
}
