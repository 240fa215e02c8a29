namespace EventSpike.Hardware.Sensors;

/// <summary>
/// What every file reader shares: the byte window on its stream, the time order, and a small spill buffer so
/// that a caller may read in chunks of any size (even 1) while the decoder works on whole words, some of
/// which give several events (EVT 3.0 vectors).
/// </summary>
internal abstract class EventReaderBase : IEventReader
{
    private readonly SensorEvent[] _spill;
    private int _spillStart, _spillEnd;
    private bool _ended;
    protected TimeOrder Order;

    protected EventReaderBase(Stream stream, string source, int maxEventsPerStep)
    {
        Bytes = new ByteWindow(stream, source);
        Stream = stream;
        _spill = new SensorEvent[Math.Max(64, maxEventsPerStep)];
        MaxEventsPerStep = maxEventsPerStep;
    }

    protected ByteWindow Bytes { get; }
    protected Stream Stream { get; }
    private int MaxEventsPerStep { get; }

    /// <summary>What the header said; <see cref="Info"/> adds the notes the decoding found.</summary>
    protected SensorInfo BaseInfo { get; set; } = new("?", null, null);

    public SensorInfo Info
    {
        get
        {
            var notes = BaseInfo.Notes.Concat(DecodingNotes()).Append(Order.Note).OfType<string>().ToList();
            return BaseInfo with { Notes = notes };
        }
    }

    /// <summary>Notes the decoding found so far (skipped packets, dropped events).</summary>
    protected virtual IEnumerable<string?> DecodingNotes() => [];

    /// <summary>
    /// Decodes the next events into <paramref name="into"/> (at least MaxEventsPerStep long); returns how many,
    /// 0 only at the end of the data.
    /// </summary>
    protected abstract int Decode(Span<SensorEvent> into);

    public int Read(Span<SensorEvent> buffer)
    {
        var n = 0;
        while (n < buffer.Length)
        {
            if (_spillStart < _spillEnd)
            {
                var k = Math.Min(buffer.Length - n, _spillEnd - _spillStart);
                _spill.AsSpan(_spillStart, k).CopyTo(buffer[n..]);
                _spillStart += k;
                n += k;
                continue;
            }
            if (_ended) break;
            int got;
            if (buffer.Length - n >= MaxEventsPerStep) n += got = Decode(buffer[n..]);
            else
            {
                _spillStart = 0;
                _spillEnd = got = Decode(_spill);
            }
            if (got == 0) _ended = true;
        }
        return n;
    }

    public void Dispose() => Stream.Dispose();
}
