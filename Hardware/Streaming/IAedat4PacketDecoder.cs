using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Decodes the body of one AEDAT4 packet (compressed as the stream's IOHeader says, then a size-prefixed
/// FlatBuffer) into polarity events; packets of other types (frames, IMU, triggers) give none. The readers'
/// AEDAT4 packet decoder plugs in here through <see cref="Aedat4Framing.Decoder"/>.
/// </summary>
public interface IAedat4PacketDecoder
{
    /// <summary>Appends the events of packet <paramref name="body"/> of stream <paramref name="streamId"/>; throws <see cref="SensorFormatException"/> when corrupt.</summary>
    void Decode(int streamId, int compression, ReadOnlySpan<byte> body, List<SensorEvent> events);
}
