namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Maps a sensor event (x, y, polarity) to an input channel: the event is first cropped to the window
/// <see cref="Crop"/> (pixels outside it map to no channel), then pooled in <see cref="PoolX"/>×<see cref="PoolY"/>
/// blocks (a pooled column is ⌊(x − crop x)/pool x⌋, a pooled row ⌊(y − crop y)/pool y⌋), then laid out row by row;
/// with <see cref="SplitPolarity"/> OFF events take the first half of the channels and ON events the second:
/// channel = (p·H' + y')·W' + x', W' = ⌈crop width/pool x⌉, H' = ⌈crop height/pool y⌉, p = 1 for ON.
/// Without it both polarities share a channel. A plain class, usable without actors.
/// </summary>
public sealed class SensorMapping
{
    /// <summary>A mapping of a <paramref name="width"/>×<paramref name="height"/> sensor; <paramref name="crop"/> null: the whole sensor.</summary>
    public SensorMapping(int width, int height, SensorCrop? crop = null, int pool = 1, bool splitPolarity = true)
        : this(width, height, crop, pool, pool, splitPolarity)
    {
    }

    /// <summary>A mapping pooling <paramref name="poolX"/> columns × <paramref name="poolY"/> rows into one channel.</summary>
    public SensorMapping(int width, int height, SensorCrop? crop, int poolX, int poolY, bool splitPolarity)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"the sensor size must be positive, got {width}x{height}");
        if (poolX <= 0 || poolY <= 0) throw new ArgumentException($"the pooling factors must be positive, got {poolX}x{poolY}");
        var c = crop ?? new SensorCrop(0, 0, width, height);
        if (c.X < 0 || c.Y < 0 || c.Width <= 0 || c.Height <= 0 || (long)c.X + c.Width > width || (long)c.Y + c.Height > height)
            throw new ArgumentException($"the crop {c} does not lie inside the {width}x{height} sensor");
        (Width, Height, Crop, PoolX, PoolY, SplitPolarity) = (width, height, c, poolX, poolY, splitPolarity);
        PooledWidth = (c.Width + poolX - 1) / poolX;
        PooledHeight = (c.Height + poolY - 1) / poolY;
    }

    public int Width { get; }

    public int Height { get; }

    public SensorCrop Crop { get; }

    /// <summary>Columns pooled into one channel.</summary>
    public int PoolX { get; }

    /// <summary>Rows pooled into one channel.</summary>
    public int PoolY { get; }

    /// <summary>The pooling factor of a square pooling (<see cref="PoolX"/>; equal to <see cref="PoolY"/> unless a rectangle was asked for).</summary>
    public int Pool => PoolX;

    public bool SplitPolarity { get; }

    /// <summary>Columns after cropping and pooling.</summary>
    public int PooledWidth { get; }

    /// <summary>Rows after cropping and pooling.</summary>
    public int PooledHeight { get; }

    /// <summary>The number of input channels the mapping feeds, without overflow for a huge sensor.</summary>
    public long ChannelCount => (long)PooledWidth * PooledHeight * (SplitPolarity ? 2 : 1);

    /// <summary>The number of input channels the mapping feeds.</summary>
    public int Channels => (int)Math.Min(int.MaxValue, ChannelCount);

    /// <summary>The channel of an event at pixel (<paramref name="x"/>, <paramref name="y"/>); −1 when the crop leaves it out.</summary>
    public int Channel(int x, int y, bool polarity)
    {
        var cx = x - Crop.X;
        var cy = y - Crop.Y;
        if ((uint)cx >= (uint)Crop.Width || (uint)cy >= (uint)Crop.Height) return -1;
        var p = SplitPolarity && polarity ? 1 : 0;
        return (p * PooledHeight + cy / PoolY) * PooledWidth + cx / PoolX;
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
        $"{Width}x{Height} sensor, crop {Crop}, pool {(PoolX == PoolY ? $"{PoolX}" : $"{PoolX}x{PoolY}")}, {(SplitPolarity ? "polarities split" : "polarities merged")}: {Channels} channels";
}
