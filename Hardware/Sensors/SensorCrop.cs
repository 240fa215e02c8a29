namespace EventSpike.Hardware.Sensors;

/// <summary>A rectangle of a sensor's pixels: columns <see cref="X"/>..X+Width−1, rows <see cref="Y"/>..Y+Height−1.</summary>
public readonly record struct SensorCrop(int X, int Y, int Width, int Height)
{
    /// <summary>Parses <c>X,Y,W,H</c>.</summary>
    public static SensorCrop Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, out _)))
            throw new FormatException($"a crop is X,Y,WIDTH,HEIGHT in pixels, got '{text}'");
        var v = parts.Select(int.Parse).ToArray();
        return new SensorCrop(v[0], v[1], v[2], v[3]);
    }

    public override string ToString() => $"{X},{Y},{Width},{Height}";
}
