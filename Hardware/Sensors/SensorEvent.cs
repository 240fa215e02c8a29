namespace EventSpike.Hardware.Sensors;

/// <summary>
/// One address event of a vision sensor, as every reader gives it: time in microseconds as recorded (not
/// shifted to zero), pixel column <see cref="X"/> and row <see cref="Y"/> with the origin at the top left,
/// and <see cref="Polarity"/> true for an ON (brighter) event.
/// </summary>
public readonly record struct SensorEvent(long TimestampUs, ushort X, ushort Y, bool Polarity);
