namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Maps a sensor event (x, y, polarity) to an input channel: the event is first cropped to the window
/// <see cref="Crop"/> (pixels outside it map to no channel), then pooled in <see cref="Pool"/>×<see cref="Pool"/>
/// blocks (a pooled column is ⌊(x − crop x)/pool⌋), then laid out row by row; with <see cref="SplitPolarity"/>
/// OFF events take the first half of the channels and ON events the second:
/// channel = (p·H' + y')·W' + x', W' = ⌈crop width/pool⌉, H' = ⌈crop height/pool⌉, p = 1 for ON.
/// Without it both polarities share a channel. A plain class, usable without actors.
/// </summary>
public sealed class SensorMapping
{
    /// <summary>A mapping of a <paramref name="width"/>×<paramref name="height"/> sensor; <paramref name="crop"/> null: the whole sensor.</summary>
    public SensorMapping(int width, int height, SensorCrop? crop = null, int pool = 1, bool splitPolarity = true)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"the sensor size must be positive, got {width}x{height}");
        if (pool <= 0) throw new ArgumentException($"the pooling factor must be positive, got {pool}");
        var c = crop ?? new SensorCrop(0, 0, width, height);
        if (c.X < 0 || c.Y < 0 || c.Width <= 0 || c.Height <= 0 || c.X + c.Width > width || c.Y + c.Height > height)
            throw new ArgumentException($"the crop {c} does not lie inside the {width}x{height} sensor");
        (Width, Height, Crop, Pool, SplitPolarity) = (width, height, c, pool, splitPolarity);
        PooledWidth = (c.Width + pool - 1) / pool;
        PooledHeight = (c.Height + pool - 1) / pool;
    }

    public int Width { get; }

    public int Height { get; }

    public SensorCrop Crop { get; }

    public int Pool { get; }

    public bool SplitPolarity { get; }

    /// <summary>Columns after cropping and pooling.</summary>
    public int PooledWidth { get; }

    /// <summary>Rows after cropping and pooling.</summary>
    public int PooledHeight { get; }

    /// <summary>The number of input channels the mapping feeds.</summary>
    public int Channels => PooledWidth * PooledHeight * (SplitPolarity ? 2 : 1);

    /// <summary>The channel of an event at pixel (<paramref name="x"/>, <paramref name="y"/>); −1 when the crop leaves it out.</summary>
    public int Channel(int x, int y, bool polarity)
    {
        var cx = x - Crop.X;
        var cy = y - Crop.Y;
        if ((uint)cx >= (uint)Crop.Width || (uint)cy >= (uint)Crop.Height) return -1;
        var p = SplitPolarity && polarity ? 1 : 0;
        return (p * PooledHeight + cy / Pool) * PooledWidth + cx / Pool;
    }

    /// <summary>The channel of <paramref name="e"/>; −1 when the crop leaves it out.</summary>
    public int Channel(in SensorEvent e) => Channel(e.X, e.Y, e.Polarity);

    /// <summary>
    /// The mapping of the whole sensor onto a layer of <paramref name="size"/> channels: the smallest pooling
    /// factor (1 to 32) that gives that size with polarities split, else with polarities merged; null when none does.
    /// </summary>
    public static SensorMapping? Fitting(int width, int height, int size)
    {
        foreach (var split in new[] { true, false })
            for (var pool = 1; pool <= 32; pool++)
            {
                var m = new SensorMapping(width, height, null, pool, split);
                if (m.Channels == size) return m;
            }
        return null;
    }

    /// <summary>
    /// The default mapping of any sensor onto a layer of <paramref name="size"/> channels: the whole sensor when a
    /// pooling of it fits (<see cref="Fitting"/>); else, when size = 2·s² (polarities split) or s² (merged), a centred
    /// square crop of s·p × s·p pixels pooled p×p, p = ⌊min(width, height)/s⌋, so that (crop/pool)²·polarities = size.
    /// Null when neither fits (the layer's size is no square times 1 or 2, or the sensor is smaller than s×s).
    /// </summary>
    public static SensorMapping? Default(int width, int height, int size)
    {
        if (Fitting(width, height, size) is { } whole) return whole;
        foreach (var split in new[] { true, false })
        {
            var cells = split ? size / 2 : size;
            if (split && size % 2 != 0) continue;
            var side = (int)Math.Round(Math.Sqrt(cells));
            if (side <= 0 || side * side != cells) continue;
            var pool = Math.Min(width, height) / side;
            if (pool < 1) continue;
            var edge = side * pool;
            return new SensorMapping(width, height, new SensorCrop((width - edge) / 2, (height - edge) / 2, edge, edge), pool, split);
        }
        return null;
    }

    public override string ToString() =>
        $"{Width}x{Height} sensor, crop {Crop}, pool {Pool}, {(SplitPolarity ? "polarities split" : "polarities merged")}: {Channels} channels";
}
