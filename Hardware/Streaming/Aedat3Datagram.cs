using System.Buffers.Binary;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// A UDP datagram of DV/cAER's AEDAT 3.x network output: a 20-byte header (int64 magic 0x1D378BC90B9A6658,
/// int64 sequence number, int8 version, int8 format, int16 source id), then AEDAT 3.1 packets: a 28-byte header
/// (int16 type, int16 source, int32 event size, int32 timestamp offset, int32 timestamp overflow, int32 capacity,
/// int32 number, int32 valid) and the events. Polarity events (type 1, 8 bytes: uint32 data — bit 0 valid,
/// bit 1 ON, bits 16–2 y, bits 31–17 x — and int32 µs) are decoded; other packet types are skipped by size.
/// </summary>
public static class Aedat3Datagram
{
    public const long Magic = 0x1D378BC90B9A6658;
    public const int HeaderBytes = 20;
    private const int PacketHeaderBytes = 28;

    public static bool HasHeader(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= HeaderBytes && BinaryPrimitives.ReadInt64LittleEndian(datagram) == Magic;

    public static long Sequence(ReadOnlySpan<byte> datagram) => BinaryPrimitives.ReadInt64LittleEndian(datagram[8..]);

    /// <summary>Decodes the packets after the header into <paramref name="events"/>; false when a packet runs past the datagram.</summary>
    public static bool Decode(ReadOnlySpan<byte> datagram, List<SensorEvent> events)
    {
        var data = datagram[HeaderBytes..];
        while (data.Length > 0)
        {
            if (data.Length < PacketHeaderBytes) return false;
            var type = BinaryPrimitives.ReadInt16LittleEndian(data);
            var size = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
            var overflow = BinaryPrimitives.ReadInt32LittleEndian(data[12..]);
            var number = BinaryPrimitives.ReadInt32LittleEndian(data[20..]);
            if (size <= 0 || number < 0 || (long)size * number > data.Length - PacketHeaderBytes) return false;
            var body = data.Slice(PacketHeaderBytes, size * number);
            if (type == 1 && size >= 8)
                for (var i = 0; i < number; i++)
                {
                    var e = body.Slice(i * size, size);
                    var word = BinaryPrimitives.ReadUInt32LittleEndian(e);
                    if ((word & 1) == 0) continue;
                    var t = ((long)overflow << 31) | (uint)BinaryPrimitives.ReadInt32LittleEndian(e[4..]);
                    events.Add(new SensorEvent(t, (ushort)((word >> 17) & 0x7FFF), (ushort)((word >> 2) & 0x7FFF), (word & 2) != 0));
                }
            data = data[(PacketHeaderBytes + size * number)..];
        }
        return true;
    }

    /// <summary>A datagram with one polarity packet of <paramref name="events"/> (what a test peer or an emulator sends).</summary>
    public static byte[] Encode(long sequence, IReadOnlyList<SensorEvent> events)
    {
        var bytes = new byte[HeaderBytes + PacketHeaderBytes + 8 * events.Count];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(s, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(s[8..], sequence);
        s[16] = 1;
        var p = s[HeaderBytes..];
        BinaryPrimitives.WriteInt16LittleEndian(p, 1);
        BinaryPrimitives.WriteInt32LittleEndian(p[4..], 8);
        BinaryPrimitives.WriteInt32LittleEndian(p[8..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(p[16..], events.Count);
        BinaryPrimitives.WriteInt32LittleEndian(p[20..], events.Count);
        BinaryPrimitives.WriteInt32LittleEndian(p[24..], events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var word = 1u | (e.Polarity ? 2u : 0u) | (uint)e.Y << 2 | (uint)e.X << 17;
            BinaryPrimitives.WriteUInt32LittleEndian(p[(PacketHeaderBytes + 8 * i)..], word);
            BinaryPrimitives.WriteInt32LittleEndian(p[(PacketHeaderBytes + 8 * i + 4)..], (int)(e.TimestampUs & 0x7FFF_FFFF));
        }
        return bytes;
    }
}
