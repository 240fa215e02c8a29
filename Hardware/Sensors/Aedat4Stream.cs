namespace EventSpike.Hardware.Sensors;

/// <summary>One stream an AEDAT 4.0 IOHeader declares: its id, type identifier (EVTS, FRME, IMUS, TRIG…), size and source camera.</summary>
public sealed record Aedat4Stream(int Id, string TypeIdentifier, int? Width, int? Height, string? Source);
