namespace EventSpike.Hardware.Sensors;

/// <summary>
/// N-MNIST / N-Caltech101 <c>.bin</c> (Orchard et al. 2015; reference/sensors.md §1.8): 5-byte events, x =
/// byte 0, y = byte 1, polarity = byte 2 bit 7 (1 ON), time = 23 bits (byte 2 bits 6–0, bytes 3–4) in µs. A
/// record with y = 240 is a timestamp-overflow marker that adds 2^13 µs to later events (as Orchard's reader
/// and tonic do). The files carry no resolution (N-MNIST is 34×34, N-Caltech101 up to 304×240).
/// </summary>
public sealed class NmnistFormat : IEventFormat
{
    public string Name => "NMNIST";

    public bool Recognises(ReadOnlySpan<byte> head, string path) => path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);

    public IEventReader Open(Stream stream, string path) => new Reader(stream, path);

    private sealed class Reader : EventReaderBase
    {
        private long _overflow, _markers;

        public Reader(Stream stream, string path) : base(stream, path, 1) =>
            BaseInfo = new SensorInfo("NMNIST", null, null)
            {
                Notes = ["the file gives no resolution (N-MNIST samples are 34x34, N-Caltech101 up to 304x240)"],
            };

        protected override IEnumerable<string?> DecodingNotes()
        {
            if (_markers > 0) yield return $"{_markers} timestamp-overflow markers (y = 240) each added 8192 µs";
        }

        protected override int Decode(Span<SensorEvent> into)
        {
            var n = 0;
            while (n < into.Length)
            {
                if (!Bytes.Fill(5))
                {
                    if (Bytes.Available != 0) throw Bytes.Truncated(5, "a 5-byte event");
                    break;
                }
                var span = Bytes.Span;
                var records = Math.Min(span.Length / 5, into.Length - n);
                for (var i = 0; i < records; i++)
                {
                    var r = span.Slice(5 * i, 5);
                    if (r[1] == 240)
                    {
                        _overflow += 1 << 13;
                        _markers++;
                        continue;
                    }
                    var t = _overflow + (((r[2] & 0x7F) << 16) | (r[3] << 8) | r[4]);
                    into[n++] = new SensorEvent(Order.Next(t, Bytes.Offset + 5 * i, Bytes), r[0], r[1], (r[2] & 0x80) != 0);
                }
                Bytes.Advance(5 * records);
            }
            return n;
        }
    }
}
