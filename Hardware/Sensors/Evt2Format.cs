using System.Runtime.InteropServices;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Prophesee RAW EVT 2.0 (reference/sensors.md §1.6): a <c>% </c> header, then little-endian 32-bit words,
/// type in bits 31–28. CD_OFF/CD_ON (0x0/0x1) carry 6 time LSBs, x (bits 21–11) and y (bits 10–0);
/// EVT_TIME_HIGH (0x8) carries time bits 33–6; t = time_high·64 + lsb, with 2^34 added each time TIME_HIGH
/// wraps. Triggers, IMU, OTHERS and CONTINUED words are skipped; events before the first TIME_HIGH are
/// dropped (as OpenEB does); any other type is an error. Times are reported as recorded (not shifted).
/// </summary>
public sealed class Evt2Format : IEventFormat
{
    public string Name => "EVT2";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => PropheseeHeader.Names(head, "2.0");

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private readonly uint _width, _height;
        private long _high = -1, _wraps, _early, _triggers;
        private uint _lastHigh;

        public Reader(Stream stream, string path) : base(stream, path, 1)
        {
            var header = PropheseeHeader.Read(Bytes);
            (_width, _height) = ((uint)(header.Width ?? 1 << 11), (uint)(header.Height ?? 1 << 11));
            BaseInfo = new SensorInfo("EVT2", header.Width, header.Height) { Notes = new[] { header.SizeNote }.OfType<string>().ToList() };
        }

        protected override IEnumerable<string?> DecodingNotes()
        {
            if (_early > 0) yield return $"{_early} events before the first EVT_TIME_HIGH dropped";
            if (_triggers > 0) yield return $"{_triggers} external trigger events skipped";
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n < into.Length)
            {
                if (!Bytes.Fill(4))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(4, "a 32-bit word");
                    break;
                }
                var words = MemoryMarshal.Cast<byte, uint>(Bytes.Span);
                var i = 0;
                var t0 = _high << 6;
                for (; i < words.Length && n < into.Length; i++)
                {
                    var w = words[i];
                    var type = w >> 28;
                    if (type <= 1)
                    {
                        var x = (w >> 11) & 0x7FF;
                        var y = w & 0x7FF;
                        if (_high < 0) { _early++; continue; }
                        if (x >= _width || y >= _height) throw OutOfRange(i, x, y);
                        var t = Order.Next(t0 | ((w >> 22) & 0x3F), Bytes.Offset + 4L * i, Bytes);
                        into[n++] = new SensorEvent(t, (ushort)x, (ushort)y, type == 1);
                    }
                    else if (type == 0x8)
                    {
                        t0 = TimeHigh(w & 0x0FFF_FFFF) << 6;
                    }
                    else if (type == 0xA) _triggers++;
                    else if (type < 0xD) throw Bytes.Error(Bytes.Offset + 4L * i, $"unknown EVT 2.0 word type 0x{type:X} (word 0x{w:X8})");
                }
                Bytes.Advance(4 * i);
            }
            return n;
        }

        private long TimeHigh(uint raw)
        {
            if (raw < _lastHigh && _lastHigh - raw > 1u << 27) _wraps++;
            _lastHigh = raw;
            return _high = (_wraps << 28) + raw;
        }

        private SensorFormatException OutOfRange(int word, uint x, uint y) =>
            Bytes.Error(Bytes.Offset + 4L * word, $"pixel ({x}, {y}) outside the sensor's {_width}x{_height}");
    }
}
