using System.Buffers.Binary;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// The outer layer of DV's AEDAT4 network stream (dv-processing's NetworkWriter): uint32 LE N, an N-byte IOHeader
/// FlatBuffer (root table, identifier "IOHE", field 0 = compression), then packets: int32 stream id, int32 size,
/// size bytes of body, to the end of the connection. Bodies go to <see cref="Decoder"/>.
/// </summary>
public static class Aedat4Framing
{
    /// <summary>Largest IOHeader or packet body accepted (a bigger length is a corrupt frame).</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>The packet decoder (set by whoever provides AEDAT4 decoding); null: AEDAT4 streams cannot be decoded.</summary>
    public static IAedat4PacketDecoder? Decoder { get; set; }

    /// <summary>Whether the first 12 bytes of a stream are uint32 N then an IOHeader (identifier "IOHE" at bytes 8–11).</summary>
    public static bool LooksLikeHeader(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[8] == (byte)'I' && head[9] == (byte)'O' && head[10] == (byte)'H' && head[11] == (byte)'E';

    /// <summary>The compression an IOHeader names (0 none, 1 LZ4, 2 LZ4 high, 3 Zstd, 4 Zstd high), read by hand from its FlatBuffer.</summary>
    public static int Compression(ReadOnlySpan<byte> header, string source)
    {
        if (header.Length < 8) throw new SensorFormatException($"{source}: IOHeader of {header.Length} bytes");
        var table = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (table < 4 || table > header.Length - 4) throw new SensorFormatException($"{source}: IOHeader root offset {table} outside its {header.Length} bytes");
        var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(header[table..]);
        if (vtable < 0 || vtable > header.Length - 6) throw new SensorFormatException($"{source}: IOHeader vtable at {vtable} outside its {header.Length} bytes");
        var vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(header[vtable..]);
        if (vtableLength < 6) return 0;
        var field = BinaryPrimitives.ReadUInt16LittleEndian(header[(vtable + 4)..]);
        if (field == 0) return 0;
        if (table + field > header.Length - 4) throw new SensorFormatException($"{source}: IOHeader compression field outside its {header.Length} bytes");
        return BinaryPrimitives.ReadInt32LittleEndian(header[(table + field)..]);
    }

    /// <summary>Reads the IOHeader after its 4-byte length (already read as <paramref name="length"/>) and returns its compression.</summary>
    public static int ReadHeader(Stream stream, uint length, string source)
    {
        if (length == 0 || length > MaxBytes) throw new SensorFormatException($"{source}: byte 0: IOHeader length {length}");
        var header = new byte[length];
        stream.ReadExactly(header);
        return Compression(header, source);
    }

    /// <summary>Reads one packet; false at the end of the stream. Its events are appended to <paramref name="events"/>.</summary>
    public static bool ReadPacket(Stream stream, int compression, byte[] headBuffer, List<SensorEvent> events, string source)
    {
        var got = stream.ReadAtLeast(headBuffer.AsSpan(0, 8), 8, throwOnEndOfStream: false);
        if (got == 0) return false;
        if (got < 8) throw new EndOfStreamException($"{source}: the stream ended inside a packet header");
        var streamId = BinaryPrimitives.ReadInt32LittleEndian(headBuffer);
        var size = BinaryPrimitives.ReadInt32LittleEndian(headBuffer.AsSpan(4));
        if (size < 0 || size > MaxBytes) throw new SensorFormatException($"{source}: packet of stream {streamId} with size {size}");
        var body = new byte[size];
        stream.ReadExactly(body);
        var decoder = Decoder ?? throw new NotSupportedException($"{source}: an AEDAT4 stream, and no AEDAT4 packet decoder is available in this build (send raw event words instead)");
        decoder.Decode(streamId, compression, body, events);
        return true;
    }
}
