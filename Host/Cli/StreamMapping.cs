using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>
/// How <c>eventspike stream</c> maps the sensor's pixels to the input layer's channels. Each part comes from the command
/// line when given there (<c>--sensor WxH</c>, <c>--crop X,Y,W,H</c>, <c>--pool N|PXxPY</c>, <c>--polarity</c>), else from
/// the layer's <c>"sensor"</c> object in the network file, else: the sensor's size from the source, and the pooling
/// that fits the layer (<see cref="SensorMapping.Default"/>). A network sensor whose size differs from what a recording
/// says is refused (exit 2) unless <c>--sensor</c> is given: its crop and pooling are in that sensor's pixels.
/// </summary>
internal static class StreamMapping
{
    public static SensorMapping Resolve(ParsedArguments a, string source, IStreamFeed feed, LayerSpec layer, TextWriter stderr)
    {
        var net = layer.Sensor;
        var (width, height) = a.Value("sensor") is { } s ? SensorSize(s)
            : net is not null ? NetworkSize(net, source, feed)
            : FileSize(source, feed, stderr);
        try
        {
            var crop = a.Value("crop") is { } c ? SensorCrop.Parse(c)
                : net?.Crop is var (x0, y0, x1, y1) ? new SensorCrop(x0, y0, x1 - x0, y1 - y0) : (SensorCrop?)null;
            var (px, py) = a.Value("pool") is { } p ? Pool(p) : net is not null ? (net.PoolX, net.PoolY) : (1, 1);
            var split = a.Value("polarity") switch
            {
                null => net?.SplitPolarity ?? true,
                "split" => true,
                "merge" => false,
                var other => throw new FormatException($"--polarity must be split or merge, got '{other}'"),
            };
            var given = net is not null || a.Value("crop") is not null || a.Value("pool") is not null || a.Value("polarity") is not null;
            var mapping = given ? new SensorMapping(width, height, crop, px, py, split) : DefaultMapping(width, height, layer.Size, stderr);
            if (mapping.ChannelCount != layer.Size)
                throw new FormatException($"the {mapping} do not match --input-layer {layer.Name}'s {layer.Size} neurons " +
                    $"({(net is null ? "give --pool, --crop or --polarity" : $"from {net.Where}, with the command line's options")})");
            return mapping;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InputException($"stream: {e.Message}");
        }
    }

    private static (int, int) SensorSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h) && w > 0 && h > 0) return (w, h);
        throw new InputException($"stream: --sensor is WIDTHxHEIGHT in pixels, got '{text}'");
    }

    private static (int, int) Pool(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, out var n) && n > 0))
            return (int.Parse(parts[0]), int.Parse(parts[^1]));
        throw new FormatException($"--pool is N (N×N pixels per channel) or PXxPY, got '{text}'");
    }

    /// <summary>The network's sensor size, refused when the recording says another one.</summary>
    private static (int, int) NetworkSize(SensorSpec net, string source, IStreamFeed feed)
    {
        if (feed is FileFeed)
        {
            try
            {
                using var reader = EventFiles.Open(source);
                if (reader.Info is { Width: { } w, Height: { } h } && (w, h) != (net.Width, net.Height))
                    throw new InputException($"{net.Where}: the network's sensor is {net.Width}x{net.Height} but {source} says {w}x{h}; " +
                        "give --sensor WxH (and --crop/--pool) to stream it into this layer anyway");
            }
            catch (SensorFormatException e)
            {
                throw new InputException(e.Message);
            }
        }
        return (net.Width, net.Height);
    }

    /// <summary>Without a network sensor, --crop, --pool or --polarity: <see cref="SensorMapping.Default"/>, said on stderr when it crops.</summary>
    private static SensorMapping DefaultMapping(int width, int height, int size, TextWriter stderr)
    {
        var mapping = SensorMapping.Default(width, height, size) ?? new SensorMapping(width, height);
        if (mapping.Channels == size && (mapping.Crop.Width != width || mapping.Crop.Height != height))
            stderr.WriteLine($"stream: no --crop or --pool given: the centred {mapping.Crop.Width}x{mapping.Crop.Height} square at {mapping.Crop.X},{mapping.Crop.Y} " +
                $"of the {width}x{height} sensor, pooled {mapping.Pool}x{mapping.Pool}, fits the input layer's {size} neurons; events outside it are counted in events_outside_crop");
        return mapping;
    }

    /// <summary>
    /// The sensor's size: the file's header when it says it; else, for N-MNIST (.bin), the dataset's 34x34; else the
    /// smallest size that holds every event of the file (one read of it before streaming). Said on stderr when not from the header.
    /// </summary>
    private static (int, int) FileSize(string source, IStreamFeed feed, TextWriter stderr)
    {
        if (feed is not FileFeed) throw new InputException($"stream: {source} does not say its sensor's size; give --sensor WxH or a \"sensor\" object in the network file");
        try
        {
            using var reader = EventFiles.Open(source);
            if (reader.Info is { Width: { } w, Height: { } h }) return (w, h);
            if (reader.Info.Format == "NMNIST")
            {
                stderr.WriteLine($"stream: {source} does not say its sensor's size: taking N-MNIST's 34x34 (give --sensor WxH for another)");
                return (34, 34);
            }
            var buffer = new SensorEvent[4096];
            int n, xMax = -1, yMax = -1;
            while ((n = reader.Read(buffer)) > 0)
                foreach (var e in buffer.AsSpan(0, n))
                    (xMax, yMax) = (Math.Max(xMax, e.X), Math.Max(yMax, e.Y));
            if (xMax < 0) throw new InputException($"{source}: the recording does not say its sensor's size and holds no events; give --sensor WxH");
            stderr.WriteLine($"stream: {source} does not say its sensor's size: taking {xMax + 1}x{yMax + 1}, the smallest that holds its events (give --sensor WxH for another)");
            return (xMax + 1, yMax + 1);
        }
        catch (SensorFormatException e)
        {
            throw new InputException(e.Message);
        }
    }
}
