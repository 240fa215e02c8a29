namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Reads a sensor's polarity events in time order, a chunk at a time, at constant memory whatever the
/// file or stream size. Decoding knows nothing of actors. A malformed input throws
/// <see cref="SensorFormatException"/> naming the file and the byte offset.
/// </summary>
public interface IEventReader : IDisposable
{
    SensorInfo Info { get; }

    /// <summary>Fills <paramref name="buffer"/> with the next events; returns how many (0: the end).</summary>
    int Read(Span<SensorEvent> buffer);
}
