namespace EventSpike.Hardware.Sensors;

/// <summary>How an AEDAT 4.0 file or DV stream compresses each packet body (IOHeader <c>compression</c>, reference/sensors.md §1.4).</summary>
public enum Aedat4Compression
{
    None = 0,
    Lz4 = 1,
    Lz4High = 2,
    Zstd = 3,
    ZstdHigh = 4,
}
