namespace EventSpike.Hardware.Sensors;

/// <summary>
/// AEDAT 4.0 files (DV, reference/sensors.md §1.4): <c>#!AER-DAT4.0\r\n</c>, a uint32 length and the IOHeader
/// (<see cref="Aedat4Header"/>), then packets (<see cref="Aedat4Packets"/>) up to the file data table. Events come
/// from the EVTS streams, in file order; packets of other streams (frames, IMU, triggers) are skipped by size
/// and counted in the notes. The resolution is the EVTS stream's <c>sizeX</c>/<c>sizeY</c>.
/// </summary>
public sealed class Aedat4Format : IEventFormat
{
    public string Name => "AEDAT4";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => head.StartsWith("#!AER-DAT4"u8);

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private readonly Aedat4Header _header;
        private readonly Aedat4Packets _packets;
        private readonly HashSet<int> _eventStreams;
        private readonly Dictionary<int, long> _skipped = new();
        private readonly long _end;
        private readonly int? _width, _height;
        private int _next;
        private long _packetOffset;

        public Reader(Stream stream, string path) : base(stream, path, 1)
        {
            _header = ReadHeader(path);
            _packets = new Aedat4Packets(_header.Compression, path);
            var events = _header.Streams.Where(s => s.TypeIdentifier == "EVTS").ToList();
            _eventStreams = events.Select(s => s.Id).ToHashSet();
            (_width, _height) = events.Count > 0 ? (events[0].Width, events[0].Height) : (null, null);
            _end = _header.DataTablePosition >= 0 ? _header.DataTablePosition : stream.CanSeek ? stream.Length : long.MaxValue;
            if (stream.CanSeek && _end > stream.Length) throw Bytes.Error(14, $"the data table position {_end} is past the end of the file ({stream.Length} bytes)");
            var notes = new List<string> { $"compression {_header.Compression}; streams: {string.Join(", ", _header.Streams.Select(s => $"{s.Id} {s.TypeIdentifier}"))}" };
            if (events.Count > 0 && events[0].Source is { } camera) notes.Add($"camera {camera}");
            if (_header.DataTablePosition < 0) notes.Add("no file data table (an interrupted recording?): packets walked up to the end");
            BaseInfo = new SensorInfo("AEDAT4", _width, _height) { Notes = notes };
        }

        private Aedat4Header ReadHeader(string path)
        {
            if (!Bytes.Fill(18)) throw Bytes.Truncated(18, "the version line and IOHeader length");
            var span = Bytes.Span;
            if (!span.StartsWith("#!AER-DAT4.0\r\n"u8)) throw Bytes.Error(0, "the first line is not #!AER-DAT4.0");
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(span[14..]);
            if (length is <= 0 or > 1 << 24) throw Bytes.Error(14, $"IOHeader length {length} is not in 1 .. 16 MiB");
            Bytes.Advance(18);
            if (!Bytes.Fill(length)) throw Bytes.Truncated(length, "the IOHeader");
            var header = Aedat4Header.Parse(Bytes.Span[..length], path, 18);
            Bytes.Advance(length);
            return header;
        }

        protected override IEnumerable<string?> DecodingNotes()
        {
            foreach (var (id, count) in _skipped)
                yield return $"{count} packets of stream {id} ({_header.Streams.FirstOrDefault(s => s.Id == id)?.TypeIdentifier ?? "undeclared"}) skipped";
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n < into.Length)
            {
                if (_next >= _packets.Count && !NextEventPacket()) break;
                var k = _packets.CopyEvents(_next, into[n..], _packetOffset, _width, _height);
                for (var i = 0; i < k; i++)
                {
                    ref var e = ref into[n + i];
                    var t = Order.Next(e.TimestampUs, _packetOffset, Bytes);
                    if (t != e.TimestampUs) e = e with { TimestampUs = t };
                }
                _next += k;
                n += k;
            }
            return n;
        }

        /// <summary>Reads packets up to the next EVTS packet with events; false at the data table or the end of the file.</summary>
        private bool NextEventPacket()
        {
            while (Bytes.Offset < _end)
            {
                if (!Bytes.Fill(Aedat4Packets.HeaderBytes))
                {
                    if (Bytes.Available == 0 && _header.DataTablePosition < 0) return false;
                    throw Bytes.Truncated(Aedat4Packets.HeaderBytes, "a packet header");
                }
                var at = Bytes.Offset;
                var (id, size) = Aedat4Packets.ReadHeader(Bytes.Span);
                if (size < 0 || at + 8 + (long)size > _end)
                    throw Bytes.Error(at, $"packet size {size} exceeds the {_end - at - 8} bytes left");
                Bytes.Advance(Aedat4Packets.HeaderBytes);
                if (_eventStreams.Count > 0 && !_eventStreams.Contains(id))
                {
                    _skipped[id] = _skipped.GetValueOrDefault(id) + 1;
                    if (!Bytes.Skip(size)) throw Bytes.Error(at, $"the file ends inside a packet of {size} bytes");
                    continue;
                }
                if (!Bytes.Fill(size)) throw Bytes.Truncated(size, "a packet body");
                _packets.Decode(Bytes.Span[..size], at + 8);
                Bytes.Advance(size);
                (_next, _packetOffset) = (0, at + 8);
                if (_packets.Identifier != "EVTS") _skipped[id] = _skipped.GetValueOrDefault(id) + 1;
                else if (_packets.Count > 0) return true;
            }
            return false;
        }
    }
}
