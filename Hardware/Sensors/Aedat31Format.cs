using System.Buffers.Binary;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// AEDAT 3.1 (cAER, reference/sensors.md §1.3): a <c>#</c> header ending in <c>#!END-HEADER</c>, then
/// little-endian packets of a 28-byte header and <c>eventCapacity × eventSize</c> bytes. Polarity packets
/// (type 1) give events (validity bit 0, polarity bit 1, y bits 16–2, x bits 31–17, top-left origin, time
/// <c>eventTSOverflow · 2^31 + ts</c>); special packets (type 0) are read for TIMESTAMP_RESET; other known
/// types are skipped by size and counted; an unknown type is an error.
/// </summary>
public sealed class Aedat31Format : IEventFormat
{
    public string Name => "AEDAT3";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => head.StartsWith("#!AER-DAT3"u8);

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private const int HeaderBytes = 28;
        private readonly int? _width, _height;
        private readonly Dictionary<int, long> _skipped = new();
        private int _left, _type;
        private long _overflow, _resets, _invalid;

        public Reader(Stream stream, string path) : base(stream, path, 1)
        {
            var lines = HeaderLines.Read(Bytes, "#", "#!END-HEADER");
            if (lines.Count == 0 || !lines[0].StartsWith("#!AER-DAT3.1")) throw Bytes.Error(0, "not an AEDAT 3.1 header (first line must be #!AER-DAT3.1)");
            if (lines[^1].Trim() != "#!END-HEADER") throw Bytes.Error(Bytes.Offset, "the header has no #!END-HEADER line");
            var device = lines.Select(l => l.TrimStart('#', '-')).FirstOrDefault(l => l.StartsWith("Source"));
            var size = SensorSizes.OfDevice(device?[(device.IndexOf(':') + 1)..]);
            (_width, _height) = (size?.Width, size?.Height);
            BaseInfo = new SensorInfo("AEDAT3", _width, _height)
            {
                Notes = [$"source: {device?.Trim() ?? "not named"}; polarity events at top-left origin (AEDAT 3.1)"],
            };
        }

        protected override IEnumerable<string?> DecodingNotes()
        {
            foreach (var (type, count) in _skipped) yield return $"{count} packets of event type {type} skipped (not polarity)";
            if (_invalid > 0) yield return $"{_invalid} events marked invalid skipped";
            if (_resets > 0) yield return $"{_resets} TIMESTAMP_RESET events: time restarted from 0";
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n < into.Length)
            {
                if (_left == 0 && !NextPacket()) break;
                if (!Bytes.Fill(8)) throw Bytes.Truncated(8, "an event");
                var span = Bytes.Span;
                var count = Math.Min(Math.Min(_left, span.Length / 8), into.Length - n);
                for (var i = 0; i < count; i++)
                {
                    var data = BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 8)..]);
                    var ts = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 8 + 4)..]);
                    var offset = Bytes.Offset + i * 8;
                    if ((data & 1) == 0)
                    {
                        _invalid++;
                        continue;
                    }
                    if (ts < 0) throw Bytes.Error(offset + 4, $"negative timestamp {ts}");
                    var t = (_overflow << 31) | (uint)ts;
                    if (_type == 0)
                    {
                        if (((data >> 1) & 0x7F) == 1) { _resets++; Order.Reset(); }
                        continue;
                    }
                    var x = (data >> 17) & 0x7FFF;
                    var y = (data >> 2) & 0x7FFF;
                    if (x >= _width || y >= _height)
                        throw Bytes.Error(offset, $"pixel ({x}, {y}) outside the sensor's {_width}x{_height}");
                    into[n++] = new SensorEvent(Order.Next(t, offset, Bytes), (ushort)x, (ushort)y, (data & 2) != 0);
                }
                Bytes.Advance(count * 8);
                _left -= count;
            }
            return n;
        }

        /// <summary>Reads packet headers, skipping packets of other types, up to a polarity or special packet; false at the end.</summary>
        private bool NextPacket()
        {
            while (true)
            {
                if (!Bytes.Fill(HeaderBytes))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(HeaderBytes, "a packet header");
                    return false;
                }
                var h = Bytes.Span;
                var at = Bytes.Offset;
                int type = BinaryPrimitives.ReadInt16LittleEndian(h);
                var size = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
                var tsOffset = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
                var overflow = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
                var capacity = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
                var number = BinaryPrimitives.ReadInt32LittleEndian(h[20..]);
                var valid = BinaryPrimitives.ReadInt32LittleEndian(h[24..]);
                if (type is < 0 or > 12) throw Bytes.Error(at, $"unknown event type {type} in a packet header");
                if (size <= 0 || tsOffset < 0 || tsOffset > size - 4 || overflow < 0 || capacity < 0 || number < 0 || number > capacity
                    || valid < 0 || valid > number)
                    throw Bytes.Error(at, $"inconsistent packet header (type {type}, size {size}, ts offset {tsOffset}, overflow {overflow}, capacity {capacity}, number {number}, valid {valid})");
                Bytes.Advance(HeaderBytes);
                var body = (long)capacity * size;
                if (type is 0 or 1)
                {
                    if (size != 8 || tsOffset != 4) throw Bytes.Error(at, $"a type-{type} packet must have 8-byte events with the timestamp at 4 (size {size}, offset {tsOffset})");
                    (_type, _left, _overflow) = (type, capacity, overflow);
                    if (_left > 0) return true;
                    continue;
                }
                _skipped[type] = _skipped.GetValueOrDefault(type) + 1;
                if (!Bytes.Skip(body)) throw Bytes.Error(at, $"the file ends inside a packet of {body} bytes");
            }
        }
    }
}
