using System.Buffers.Binary;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// AEDAT 1.0 and 2.0 (jAER, reference/sensors.md §1.1–1.2): a <c>#</c> text header, then big-endian records
/// of (int16 or int32 address, int32 timestamp µs). The address mapping follows the <c># AEChip:</c> line
/// (<see cref="Aedat2Chip"/>); a file without one is read as a DVS128.
/// </summary>
public sealed class Aedat2Format : IEventFormat
{
    public string Name => "AEDAT2";

    public bool Recognises(ReadOnlySpan<byte> head, string path) =>
        head.StartsWith("#!AER-DAT2"u8) || head.StartsWith("#!AER-DAT1"u8)
        || (head.Length > 0 && head[0] == (byte)'#' && !head.StartsWith("#!AER-DAT"u8)
            && path.EndsWith(".aedat", StringComparison.OrdinalIgnoreCase));

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private readonly Aedat2Chip _chip;
        private readonly int _recordBytes;
        private long _wrapBase;
        private uint _lastRaw;

        public Reader(Stream stream, string path) : base(stream, path, 1)
        {
            var lines = HeaderLines.Read(Bytes, "#", "#End Of ASCII Header");
            var version = lines.Count > 0 && lines[0].StartsWith("#!AER-DAT") ? lines[0][9..].Trim() : "1.0";
            if (version is not ("1.0" or "2.0")) throw Bytes.Error(0, $"AEDAT version '{version}' is not 1.0 or 2.0");
            _recordBytes = version == "1.0" ? 6 : 8;
            var chipClass = HeaderLines.Value(lines, "AEChip:");
            var notes = new List<string>();
            var chip = Aedat2Chip.FromClass(chipClass);
            if (chip is null)
            {
                notes.Add(chipClass is null ? "no '# AEChip:' line: read as a DVS128" : $"unknown AEChip class '{chipClass}': read as a DVS128");
                chip = Aedat2Chip.Dvs128;
            }
            _chip = chip;
            notes.Add(chip.Note);
            if (Bytes.AtEnd)
                notes.Add($"no events: the file ends at byte {Bytes.Offset}, inside its header (no '#End Of ASCII Header' line)");
            BaseInfo = new SensorInfo(version == "1.0" ? "AEDAT1" : "AEDAT2", chip.Width, chip.Height) { Notes = notes };
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            var size = _recordBytes;
            while (n < into.Length)
            {
                if (!Bytes.Fill(size))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(size, "an event record");
                    break;
                }
                var span = Bytes.Span;
                var records = Math.Min(span.Length / size, into.Length - n);
                var i = 0;
                for (; i < records; i++)
                {
                    var r = span.Slice(i * size, size);
                    uint address = size == 8 ? BinaryPrimitives.ReadUInt32BigEndian(r) : BinaryPrimitives.ReadUInt16BigEndian(r);
                    var raw = BinaryPrimitives.ReadUInt32BigEndian(r[(size - 4)..]);
                    if (raw < _lastRaw && _lastRaw - raw > 0x8000_0000u) _wrapBase += 1L << 32;
                    _lastRaw = raw;
                    if (Map(address, Bytes.Offset + i * size, out var x, out var y, out var on))
                        into[n++] = new SensorEvent(Order.Next(_wrapBase + raw, Bytes.Offset + i * size, Bytes), x, y, on);
                }
                Bytes.Advance(i * size);
            }
            return n;
        }

        /// <summary>One address to a pixel and polarity (§1.2); false for a special, APS, IMU or external event.</summary>
        private bool Map(uint a, long offset, out ushort x, out ushort y, out bool on)
        {
            x = y = 0;
            on = false;
            switch (_chip.Family)
            {
                case Aedat2Chip.Kind.Dvs128:
                    if (a > 0x7FFF) return false;
                    x = (ushort)(127 - ((a >> 1) & 0x7F));
                    y = (ushort)(127 - ((a >> 8) & 0x7F));
                    on = (a & 1) == 0;
                    return true;
                case Aedat2Chip.Kind.Davis:
                    if ((a & 0x8000_0400u) != 0) return false;
                    var rx = (a >> 12) & 0x3FF;
                    var ry = (a >> 22) & 0x1FF;
                    if (rx >= _chip.Width || ry >= _chip.Height)
                        throw Bytes.Error(offset, $"DVS address 0x{a:X8} gives pixel ({rx}, {ry}) outside the {_chip.Name}'s {_chip.Width}x{_chip.Height}");
                    x = (ushort)(_chip.Width - 1 - rx);
                    y = (ushort)(_chip.Height - 1 - ry);
                    on = (a & 0x800) != 0;
                    return true;
                default:
                    x = (ushort)(a & 0x3FF);
                    on = true;
                    return true;
            }
        }
    }
}
