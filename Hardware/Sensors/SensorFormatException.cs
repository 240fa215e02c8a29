namespace EventSpike.Hardware.Sensors;

/// <summary>A recording or a frame that is not what its format says: the message names the source and the byte offset.</summary>
public sealed class SensorFormatException(string message) : Exception(message);
