namespace EventSpike.Hardware.Sensors;

/// <summary>
/// A bounded window on a recording's bytes: readers decode from <see cref="Span"/> and consume with
/// <see cref="Advance"/>; <see cref="Fill"/> slides the window forward. Memory stays at the window's size
/// (64 KiB, grown only to fit one record or packet up to <see cref="MaxRecordBytes"/>) whatever the file size.
/// </summary>
internal sealed class ByteWindow(Stream stream, string source)
{
    /// <summary>The largest single record or packet a reader may ask for at once (64 MiB).</summary>
    public const int MaxRecordBytes = 64 << 20;

    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _eof;

    public string Source { get; } = source;

    /// <summary>The byte offset in the file of the first unread byte.</summary>
    public long Offset { get; private set; }

    public int Available => _end - _start;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>True when every byte has been consumed and the stream is at its end.</summary>
    public bool AtEnd => _start == _end && !Fill(1);

    public void Advance(int count)
    {
        _start += count;
        Offset += count;
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are available; false when the stream ends first.</summary>
    public bool Fill(int count)
    {
        if (_end - _start >= count) return true;
        if (count > MaxRecordBytes) throw Error(Offset, $"a record of {count} bytes exceeds the {MaxRecordBytes >> 20} MiB limit");
        if (_eof) return false;
        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, Math.Min(MaxRecordBytes, _buffer.Length * 2))];
            Buffer.BlockCopy(_buffer, _start, bigger, 0, _end - _start);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        }
        _end -= _start;
        _start = 0;
        while (_end < count || _end < _buffer.Length / 2)
        {
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                break;
            }
            _end += n;
        }
        return _end - _start >= count;
    }

    /// <summary>Skips <paramref name="count"/> bytes (seeking when it can); false when the stream ends first.</summary>
    public bool Skip(long count)
    {
        if (count <= Available)
        {
            Advance((int)count);
            return true;
        }
        if (stream.CanSeek)
        {
            var target = Offset + count;
            if (target > stream.Length) return false;
            stream.Position = target;
            Offset = target;
            _start = _end = 0;
            _eof = false;
            return true;
        }
        while (count > 0)
        {
            if (!Fill(1)) return false;
            var step = (int)Math.Min(count, Available);
            Advance(step);
            count -= step;
        }
        return true;
    }

    public SensorFormatException Error(long offset, string what) => new($"{Source}: byte {offset}: {what}");

    public SensorFormatException Truncated(int needed, string what) =>
        Error(Offset, $"the file ends inside {what} ({Available} of {needed} bytes)");
}
