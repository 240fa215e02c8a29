using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// Decodes the packets of iniVation's AEDAT4 TCP stream with the file reader's decoder
/// (<see cref="Aedat4Packets"/>): one decoder per stream id and compression, events of EVTS packets
/// appended, other packet types verified and skipped.
/// </summary>
public sealed class Aedat4StreamDecoder(string source) : IAedat4PacketDecoder
{
    private readonly Dictionary<(int, int), Aedat4Packets> _decoders = new();
    private SensorEvent[] _buffer = new SensorEvent[4096];
    private long _offset;

    public void Decode(int streamId, int compression, ReadOnlySpan<byte> body, List<SensorEvent> events)
    {
        if (!_decoders.TryGetValue((streamId, compression), out var packets))
            _decoders[(streamId, compression)] = packets = new Aedat4Packets((Aedat4Compression)compression, source);
        packets.Decode(body, _offset);
        for (var start = 0; start < packets.Count;)
        {
            var n = packets.CopyEvents(start, _buffer, _offset);
            if (n == 0) break;
            for (var i = 0; i < n; i++) events.Add(_buffer[i]);
            start += n;
        }
        _offset += Aedat4Packets.HeaderBytes + body.Length;
    }
}
