namespace EventSpike.Hardware.Sensors;

/// <summary>
/// What a recording or a stream says about itself: its format (e.g. "AEDAT4", "AEDAT2", "EVT3", "EVT2",
/// "DAT", "NMNIST"), and the sensor's resolution when it is known (null when the file does not say and
/// nothing was given), plus notes a user should read (e.g. which address mapping was chosen).
/// </summary>
public sealed record SensorInfo(string Format, int? Width, int? Height)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}
