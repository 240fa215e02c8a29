using System.Runtime.InteropServices;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Prophesee RAW EVT 3.0 (reference/sensors.md §1.6; OpenEB <c>evt3_event_types.h</c>): a <c>% </c> header,
/// then little-endian 16-bit words, type in bits 15–12, decoded with state: EVT_ADDR_Y sets y, EVT_ADDR_X
/// emits one event, VECT_BASE_X sets x and polarity, VECT_12/VECT_8 emit one event per set mask bit and move x
/// on by 12/8. Time = loops·2^24 + TIME_HIGH·4096 + TIME_LOW; <c>loops</c> grows when a TIME_HIGH is 2048 or
/// more below the previous one, never on a TIME_LOW (the spec's rule). A TIME_LOW that steps back a few µs
/// within one TIME_HIGH (real files do) gives its events their predecessor's time, counted in the notes.
/// Events before the first TIME_HIGH and pixels outside the sensor are dropped and counted (as OpenEB
/// does); words of types 0x1, 0x9, 0xB, 0xC (unused) are errors.
/// </summary>
public sealed class Evt3Format : IEventFormat
{
    public string Name => "EVT3";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => PropheseeHeader.Names(head, "3.0");

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private const int MaxPerWord = 12;
        private readonly uint _width, _height;
        private uint _y, _x, _high, _low;
        private bool _on, _timed, _stale;
        private long _loops, _t, _raw, _rawOffset, _early, _outside, _triggers;

        public Reader(Stream stream, string path) : base(stream, path, MaxPerWord)
        {
            var header = PropheseeHeader.Read(Bytes);
            (_width, _height) = ((uint)(header.Width ?? 1 << 11), (uint)(header.Height ?? 1 << 11));
            BaseInfo = new SensorInfo("EVT3", header.Width, header.Height) { Notes = new[] { header.SizeNote }.OfType<string>().ToList() };
        }

        protected override IEnumerable<string?> DecodingNotes()
        {
            if (_early > 0) yield return $"{_early} events before the first EVT_TIME_HIGH dropped";
            if (_outside > 0) yield return $"{_outside} events outside the {_width}x{_height} sensor dropped";
            if (_triggers > 0) yield return $"{_triggers} external trigger events skipped";
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n <= into.Length - MaxPerWord)
            {
                if (!Bytes.Fill(2))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(2, "a 16-bit word");
                    break;
                }
                var words = MemoryMarshal.Cast<byte, ushort>(Bytes.Span);
                var i = 0;
                for (; i < words.Length && n <= into.Length - MaxPerWord; i++)
                {
                    uint w = words[i];
                    switch (w >> 12)
                    {
                        case 0x0: _y = w & 0x7FF; break;
                        case 0x2: n += Emit(into, n, w & 0x7FF, (w >> 11) & 1, 1); break;
                        case 0x3: (_x, _on) = (w & 0x7FF, ((w >> 11) & 1) != 0); break;
                        case 0x4: n += Vector(into, n, w & 0xFFF, 12); break;
                        case 0x5: n += Vector(into, n, w & 0xFF, 8); break;
                        case 0x6: _low = w & 0xFFF; Stamp(i); break;
                        case 0x8: High(w & 0xFFF, i); break;
                        case 0xA: _triggers++; break;
                        case 0x1 or 0x9 or 0xB or 0xC:
                            throw Bytes.Error(Bytes.Offset + 2L * i, $"unknown EVT 3.0 word type 0x{w >> 12:X} (word 0x{w:X4})");
                    }
                }
                Bytes.Advance(2 * i);
            }
            return n;
        }

        private void High(uint high, int word)
        {
            if (_timed && high < _high && _high - high >= 2048) _loops++;
            _high = high;
            _timed = true;
            Stamp(word);
        }

        /// <summary>Notes the time a word sets; it is checked for order only when an event takes it (a TIME_HIGH followed at once by its TIME_LOW is not a step back).</summary>
        private void Stamp(int word)
        {
            if (!_timed) return;
            (_raw, _rawOffset, _stale) = ((_loops << 24) + (_high << 12) + _low, Bytes.Offset + 2L * word, true);
        }

        private int Emit(Span<SensorEvent> into, int n, uint x, uint on, int count)
        {
            if (!_timed) { _early += count; return 0; }
            if (x >= _width || _y >= _height) { _outside++; return 0; }
            if (_stale) (_t, _stale) = (Order.Next(_raw, _rawOffset, Bytes), false);
            into[n] = new SensorEvent(_t, (ushort)x, (ushort)_y, on != 0);
            return 1;
        }

        private int Vector(Span<SensorEvent> into, int n, uint mask, uint span)
        {
            var start = n;
            var on = _on ? 1u : 0u;
            while (mask != 0)
            {
                var k = (uint)System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                n += Emit(into, n, _x + k, on, 1);
            }
            _x += span;
            return n - start;
        }
    }
}
