namespace EventSpike.Routing.Network;

/// <summary>
/// An input layer's <c>"sensor"</c> object (docs/network-format.md): how a sensor event (x, y, polarity) becomes one of
/// the layer's channels when <c>eventspike stream</c> feeds it. <see cref="Crop"/> is <c>[x0, y0, x1, y1]</c> in pixels,
/// x1 and y1 exclusive (null: the whole sensor); <see cref="PoolX"/> × <see cref="PoolY"/> pixels sum into one channel;
/// <see cref="SplitPolarity"/>: OFF and ON events on separate halves of the channels.
/// </summary>
public sealed record SensorSpec(int Width, int Height, (int X0, int Y0, int X1, int Y1)? Crop, int PoolX, int PoolY, bool SplitPolarity)
{
    /// <summary>Where the object stands in the network file, for messages (e.g. <c>net.json: layers[0].sensor</c>).</summary>
    public string Where { get; init; } = "";
}
