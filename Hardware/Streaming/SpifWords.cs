using System.Buffers.Binary;
using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// AEStream/SPIF's raw event words (32-bit, little-endian as the x86 senders write them). Without a timestamp:
/// bit 31 = 1, bits 30–16 x, bit 15 polarity, bits 14–0 y, timed by arrival. With one: the word has bit 31 = 0 and
/// is followed by a uint32 time in µs (unwrapped across its 2³² µs wrap). Stateful across reads, so a TCP byte
/// stream may split a word or a pair anywhere; a UDP datagram is decoded with <see cref="Reset"/> before it.
/// </summary>
public sealed class SpifWords
{
    private readonly byte[] _partial = new byte[4];
    private int _partialBytes;
    private uint? _pendingWord;
    private long _high;
    private uint _lastRaw;
    private bool _anyTime;

    /// <summary>Forgets a split word or pair (a new datagram or a new connection); keeps the time unwrapping.</summary>
    public void Reset()
    {
        _partialBytes = 0;
        _pendingWord = null;
    }

    /// <summary>True when a word or a pair is left unfinished (a datagram that ends inside one is corrupt).</summary>
    public bool Unfinished => _partialBytes != 0 || _pendingWord is not null;

    /// <summary>Decodes <paramref name="data"/> into <paramref name="events"/>; words without a time get <paramref name="arrivalUs"/>.</summary>
    public void Decode(ReadOnlySpan<byte> data, long arrivalUs, List<SensorEvent> events)
    {
        while (_partialBytes > 0 && data.Length > 0)
        {
            _partial[_partialBytes++] = data[0];
            data = data[1..];
            if (_partialBytes == 4)
            {
                _partialBytes = 0;
                Word(BinaryPrimitives.ReadUInt32LittleEndian(_partial), arrivalUs, events);
            }
        }
        while (data.Length >= 4)
        {
            Word(BinaryPrimitives.ReadUInt32LittleEndian(data), arrivalUs, events);
            data = data[4..];
        }
        data.CopyTo(_partial);
        _partialBytes = data.Length;
    }

    private void Word(uint word, long arrivalUs, List<SensorEvent> events)
    {
        if (_pendingWord is { } timed)
        {
            _pendingWord = null;
            events.Add(Event(timed, Unwrap(word)));
        }
        else if ((word & 0x8000_0000u) != 0) events.Add(Event(word, arrivalUs));
        else _pendingWord = word;
    }

    private long Unwrap(uint raw)
    {
        if (_anyTime && raw < _lastRaw && _lastRaw - raw > 0x8000_0000u) _high += 1L << 32;
        _anyTime = true;
        _lastRaw = raw;
        return _high + raw;
    }

    private static SensorEvent Event(uint word, long t) =>
        new(t, (ushort)((word >> 16) & 0x7FFF), (ushort)(word & 0x7FFF), (word & 0x8000) != 0);

    /// <summary>The word of an event (bit 31 set when it carries no timestamp).</summary>
    public static uint Encode(int x, int y, bool polarity, bool timed) =>
        (timed ? 0u : 0x8000_0000u) | ((uint)x & 0x7FFF) << 16 | (polarity ? 0x8000u : 0u) | ((uint)y & 0x7FFF);
}
