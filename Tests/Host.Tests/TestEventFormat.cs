using System.Buffers.Binary;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Host.Tests;

/// <summary>
/// A tiny recording format for the stream tests (the real readers come from another branch): "ESTEST1\n", uint16
/// width, uint16 height, then 13-byte records (int64 µs, uint16 x, uint16 y, byte polarity), little-endian.
/// </summary>
public sealed class TestEventFormat : IEventFormat
{
    private static readonly byte[] Magic = "ESTEST1\n"u8.ToArray();

    public string Name => "ESTEST";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => head.StartsWith(Magic);

    public IEventReader Open(Stream stream, string path) => new Reader(stream);

    public static void Write(string path, int width, int height, IEnumerable<SensorEvent> events)
    {
        using var f = File.Create(path);
        f.Write(Magic);
        var b = new byte[13];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)height);
        f.Write(b, 0, 4);
        foreach (var e in events)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, e.TimestampUs);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), e.X);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), e.Y);
            b[12] = e.Polarity ? (byte)1 : (byte)0;
            f.Write(b);
        }
    }

    private sealed class Reader : IEventReader
    {
        private readonly Stream _stream;
        private readonly byte[] _record = new byte[13];

        public Reader(Stream stream)
        {
            _stream = stream;
            var head = new byte[Magic.Length + 4];
            stream.ReadExactly(head);
            Info = new SensorInfo("ESTEST", BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(8)), BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(10)));
        }

        public SensorInfo Info { get; }

        public int Read(Span<SensorEvent> buffer)
        {
            var n = 0;
            while (n < buffer.Length && _stream.ReadAtLeast(_record, 13, throwOnEndOfStream: false) == 13)
                buffer[n++] = new SensorEvent(BinaryPrimitives.ReadInt64LittleEndian(_record), BinaryPrimitives.ReadUInt16LittleEndian(_record.AsSpan(8)),
                    BinaryPrimitives.ReadUInt16LittleEndian(_record.AsSpan(10)), _record[12] != 0);
            return n;
        }

        public void Dispose() => _stream.Dispose();
    }
}
