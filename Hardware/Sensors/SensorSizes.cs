namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Resolutions of known sensors, for headers that name the device but not its size: AEDAT 3.1 <c>#Source</c>
/// lines (reference/sensors.md §1.3) and Prophesee <c>plugin_name</c> lines of old RAW files (§1.6).
/// </summary>
internal static class SensorSizes
{
    private static readonly (string Key, int Width, int Height)[] Devices =
    [
        ("DVS128", 128, 128), ("DAVIS240", 240, 180), ("DAVIS346", 346, 260), ("DAVIS640", 640, 480),
        ("DVXPLORER_LITE", 320, 240), ("DVXPLORER", 640, 480),
    ];

    private static readonly (string Key, int Width, int Height)[] Plugins =
    [
        ("GENX320", 320, 320), ("GEN41", 1280, 720), ("IMX636", 1280, 720), ("GEN4", 1280, 720),
        ("IMX646", 1280, 720), ("GEN31", 640, 480), ("GEN3", 640, 480),
    ];

    public static (int Width, int Height)? OfDevice(string? name) => Find(Devices, name);

    public static (int Width, int Height)? OfPlugin(string? name) => Find(Plugins, name);

    private static (int, int)? Find((string Key, int Width, int Height)[] table, string? name)
    {
        if (name is null) return null;
        var upper = name.ToUpperInvariant().Replace(' ', '_');
        foreach (var (key, w, h) in table)
            if (upper.Contains(key)) return (w, h);
        return null;
    }
}
