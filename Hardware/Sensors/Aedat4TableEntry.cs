namespace EventSpike.Hardware.Sensors;

/// <summary>One packet as an AEDAT 4.0 file data table lists it (reference/sensors.md §1.4, FileDataDefinition): body offset, stream, size, element count and time range.</summary>
public sealed record Aedat4TableEntry(long ByteOffset, int StreamId, int Size, long NumElements, long TimestampStart, long TimestampEnd);
