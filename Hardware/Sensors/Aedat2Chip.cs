namespace EventSpike.Hardware.Sensors;

/// <summary>
/// The address mapping of an AEDAT 1.0/2.0 file, chosen from its <c># AEChip:</c> line (reference/sensors.md
/// §1.2). EventSpike follows jAER, which wrote these files, and turns jAER's bottom-left origin into the
/// top-left one <see cref="SensorEvent"/> uses.
/// </summary>
internal sealed class Aedat2Chip
{
    public enum Kind { Dvs128, Davis, Cochlea }

    private Aedat2Chip(Kind kind, int width, int height, string name)
    {
        Family = kind;
        Width = width;
        Height = height;
        Name = name;
    }

    public Kind Family { get; }
    public int Width { get; }
    public int Height { get; }
    public string Name { get; }

    /// <summary>The chip a jAER class name stands for; null when it is not one EventSpike knows.</summary>
    public static Aedat2Chip? FromClass(string? chipClass)
    {
        if (chipClass is null) return null;
        var c = chipClass.ToUpperInvariant();
        if (c.Contains("DAVIS240")) return new(Kind.Davis, 240, 180, "DAVIS240");
        if (c.Contains("DAVIS346")) return new(Kind.Davis, 346, 260, "DAVIS346");
        if (c.Contains("DAVIS640")) return new(Kind.Davis, 640, 480, "DAVIS640");
        if (c.Contains("DAVIS208")) return new(Kind.Davis, 208, 192, "DAVIS208");
        if (c.Contains("COCHLEA")) return new(Kind.Cochlea, 1024, 1, "CochleaAMS");
        if (c.Contains("DVS128") || c.Contains("TMPDIFF128")) return new(Kind.Dvs128, 128, 128, "DVS128");
        return null;
    }

    public static Aedat2Chip Dvs128 { get; } = new(Kind.Dvs128, 128, 128, "DVS128");

    /// <summary>What <see cref="SensorInfo.Notes"/> says of the mapping.</summary>
    public string Note => Family switch
    {
        Kind.Dvs128 => "DVS128 addresses read as jAER does (DVS128.java): x = 127 - bits 7..1 (mirrored), ON when bit 0 is 0; " +
                       "y = 127 - bits 14..8 (jAER's bottom-left origin turned to top-left); addresses with bit 15 set are special events, skipped",
        Kind.Davis => $"{Name} addresses read as jAER does (DavisBaseCamera): DVS events only (bit 31 = 0, bit 10 = 0), x = {Width - 1} - bits 21..12, " +
                      $"y = {Height - 1} - bits 30..22 (top-left origin), ON when bit 11 is 1; APS, IMU and external events skipped",
        _ => "CochleaAMS addresses: x = address & 0x3FF (channel, ear, cell type, ganglion cell), y = 0, every event ON",
    };
}
