using System.Buffers.Binary;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Prophesee DAT (reference/sensors.md §1.7): a <c>% </c> header, 2 bytes (event type 0x00 Event2d or 0x0C
/// EventCD, event size 8), then 8-byte little-endian records <c>uint32 t, uint32 w</c>. Version 2: x = bits
/// 13–0, y = bits 27–14, p = bits 31–28; version 1: x bits 8–0, y bits 16–9, p bits 20–17. t wraps at 2^32
/// (unwrapped when it drops by more than 2^31). The resolution is the header's <c>% Width/% Height</c> or unknown.
/// </summary>
public sealed class DatFormat : IEventFormat
{
    public string Name => "DAT";

    public bool Recognises(ReadOnlySpan<byte> head, string path) =>
        head.StartsWith("% "u8) && path.EndsWith(".dat", StringComparison.OrdinalIgnoreCase);

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private readonly int _version;
        private long _wrapBase;
        private uint _last;

        public Reader(Stream stream, string path) : base(stream, path, 1)
        {
            var header = PropheseeHeader.Read(Bytes);
            var notes = new List<string>();
            _version = HeaderLines.Value(header.Lines, "Version") is { } v && int.TryParse(v, out var version) ? version : 2;
            if (_version is not (1 or 2)) throw Bytes.Error(0, $"DAT version {_version} is not 1 or 2");
            if (!Bytes.Fill(2)) throw Bytes.Truncated(2, "the event type and size after the header");
            var (type, size) = (Bytes.Span[0], Bytes.Span[1]);
            if (type is not (0x00 or 0x0C) || size != 8)
                throw Bytes.Error(Bytes.Offset, $"event type 0x{type:X2} of size {size}: only CD events (type 0x00 or 0x0C, 8 bytes) are read");
            Bytes.Advance(2);
            var sized = HeaderLines.Value(header.Lines, "Width") is not null;
            if (!sized) notes.Add("no % Width / % Height lines: resolution unknown");
            BaseInfo = new SensorInfo("DAT", sized ? header.Width : null, sized ? header.Height : null) { Notes = notes };
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n < into.Length)
            {
                if (!Bytes.Fill(8))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(8, "an event record");
                    break;
                }
                var span = Bytes.Span;
                var records = Math.Min(span.Length / 8, into.Length - n);
                for (var i = 0; i < records; i++)
                {
                    var t = BinaryPrimitives.ReadUInt32LittleEndian(span[(8 * i)..]);
                    var w = BinaryPrimitives.ReadUInt32LittleEndian(span[(8 * i + 4)..]);
                    if (t < _last && _last - t > 0x8000_0000u) _wrapBase += 1L << 32;
                    _last = t;
                    var (x, y, p) = _version == 2 ? (w & 0x3FFF, (w >> 14) & 0x3FFF, w >> 28) : (w & 0x1FF, (w >> 9) & 0xFF, (w >> 17) & 0xF);
                    if (p > 1) throw Bytes.Error(Bytes.Offset + 8 * i + 4, $"polarity {p} is not 0 or 1");
                    into[n++] = new SensorEvent(Order.Next(_wrapBase + t, Bytes.Offset + 8 * i, Bytes), (ushort)x, (ushort)y, p == 1);
                }
                Bytes.Advance(8 * records);
            }
            return n;
        }
    }
}
