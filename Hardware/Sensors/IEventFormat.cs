namespace EventSpike.Hardware.Sensors;

/// <summary>A recording format: recognises a file from its first bytes and name, and opens a reader on it.</summary>
public interface IEventFormat
{
    /// <summary>The format's name as <see cref="SensorInfo.Format"/> gives it.</summary>
    string Name { get; }

    /// <summary>Whether a file whose first bytes are <paramref name="head"/> (up to 4 KiB) and whose name is <paramref name="path"/> is of this format.</summary>
    bool Recognises(ReadOnlySpan<byte> head, string path);

    /// <summary>Opens a reader on <paramref name="stream"/> (owned by the reader); <paramref name="path"/> names it in errors.</summary>
    IEventReader Open(Stream stream, string path);
}
