namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Keeps a reader's timestamps in order (reference/sensors.md §4, "Backward jitter"): a stamp at most
/// <see cref="ToleranceUs"/> before the running maximum is clamped to it and counted; a larger step back is
/// a <see cref="SensorFormatException"/> at the byte offset where it occurs. A declared reset (AEDAT 3.1
/// TIMESTAMP_RESET) starts the order afresh.
/// </summary>
internal struct TimeOrder
{
    /// <summary>How far back a stamp may be and still be taken as sensor jitter (10 ms).</summary>
    public const long ToleranceUs = 10_000;

    private long _max;
    private bool _started;

    public long Clamped { get; private set; }
    public long MaxBackUs { get; private set; }

    public long Next(long t, long offset, ByteWindow bytes)
    {
        if (t >= _max || !_started)
        {
            _max = t;
            _started = true;
            return t;
        }
        return Behind(t, offset, bytes);
    }

    private long Behind(long t, long offset, ByteWindow bytes)
    {
        var back = _max - t;
        if (back > ToleranceUs)
            throw bytes.Error(offset, $"timestamp {t} µs goes back {back} µs from {_max} µs (more than the {ToleranceUs} µs tolerated as jitter)");
        Clamped++;
        MaxBackUs = Math.Max(MaxBackUs, back);
        return _max;
    }

    public void Reset() => _started = false;

    /// <summary>A note for <see cref="SensorInfo.Notes"/> when stamps were clamped, else null.</summary>
    public readonly string? Note => Clamped == 0 ? null
        : $"{Clamped} time stamps up to {MaxBackUs} µs before their predecessor were raised to it (events kept in order)";
}
