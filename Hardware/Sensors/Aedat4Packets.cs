using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.FlatBuffers;
using K4os.Compression.LZ4.Streams;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Decodes AEDAT 4.0 packets (reference/sensors.md §1.4–1.5), in a file or on iniVation's TCP stream alike:
/// each packet is an 8-byte header (<see cref="ReadHeader"/>: int32 stream id, int32 body size) and a body
/// that is one LZ4 or Zstd frame (or plain), holding a size-prefixed FlatBuffer whose identifier says its type.
/// <see cref="Decode"/> decompresses and verifies one body; for an <c>EVTS</c> packet, <see cref="CopyEvents"/>
/// then gives its events (16-byte structs: int64 t µs, int16 x, int16 y, bool polarity). Other types
/// (FRME, IMUS, TRIG, …) are verified only by size and identifier. Buffers are reused: one instance per
/// stream, not thread-safe. Decompressed bodies are capped at 64 MiB.
/// </summary>
public sealed class Aedat4Packets(Aedat4Compression compression, string source)
{
    /// <summary>Bytes of a packet header.</summary>
    public const int HeaderBytes = 8;
    private const int MaxBody = 64 << 20;

    private readonly CappedBuffer _out = new(MaxBody);
    private ZstdSharp.Decompressor? _zstd;
    private int _events;
    private byte[] _exact = [];

    /// <summary>The identifier of the packet last decoded (EVTS, FRME, IMUS, TRIG, or another).</summary>
    public string Identifier { get; private set; } = "";

    /// <summary>Events in the packet last decoded (0 unless it is EVTS).</summary>
    public int Count { get; private set; }

    /// <summary>The stream id and body size of the packet header in the first 8 bytes of <paramref name="header"/>.</summary>
    public static (int StreamId, int Size) ReadHeader(ReadOnlySpan<byte> header) =>
        (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadInt32LittleEndian(header[4..]));

    /// <summary>Decompresses and verifies one packet <paramref name="body"/>, found at byte <paramref name="offset"/> (named in errors).</summary>
    public void Decode(ReadOnlySpan<byte> body, long offset)
    {
        var data = Unpack(body, offset);
        Count = 0;
        if (data.Length < 12) throw Error(offset, $"a decompressed packet of {data.Length} bytes is too short for a FlatBuffer");
        var prefix = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (prefix != data.Length - 4) throw Error(offset, $"the FlatBuffer's size prefix {prefix} does not match the {data.Length - 4} bytes that follow");
        Identifier = System.Text.Encoding.ASCII.GetString(data.Slice(8, 4));
        if (Identifier != "EVTS") return;
        // The verifier checks a size prefix against the whole array: it gets an exactly sized copy.
        _exact = data.ToArray();
        var bb = new ByteBuffer(_exact, 0);
        if (!FlatBufferCheck.Valid(bb, "EVTS", true, VerifyEvents))
            throw Error(offset, "the EVTS packet is not a valid FlatBuffer (offsets out of bounds)");
        var table = new Table(4 + bb.GetInt(4), bb);
        var o = table.__offset(4);
        if (o == 0) return;
        _events = table.__vector(o);
        var count = table.__vector_len(o);
        if (_events + 16L * count > data.Length) throw Error(offset, $"the event vector of {count} events runs past the packet's end");
        Count = count;
    }

    private static bool VerifyEvents(Verifier v, uint table) =>
        v.VerifyTableStart(table) && v.VerifyVectorOfData(table, 4, 16, false) && v.VerifyTableEnd(table);

    /// <summary>
    /// Copies events <paramref name="start"/> … of the last EVTS packet into <paramref name="into"/>; returns how many.
    /// Coordinates outside <paramref name="width"/>×<paramref name="height"/> (when given) or negative are errors at <paramref name="offset"/>.
    /// </summary>
    public int CopyEvents(int start, Span<SensorEvent> into, long offset, int? width = null, int? height = null)
    {
        var count = Math.Min(Count - start, into.Length);
        var raw = _exact.AsSpan(_events + 16 * start, 16 * count);
        uint w = (uint)(width ?? 0x8000), h = (uint)(height ?? 0x8000);
        for (var i = 0; i < count; i++)
        {
            var e = raw.Slice(16 * i, 16);
            var t = MemoryMarshal.Read<long>(e);
            var x = MemoryMarshal.Read<short>(e[8..]);
            var y = MemoryMarshal.Read<short>(e[10..]);
            if ((uint)x >= w || (uint)y >= h)
                throw Error(offset, $"event {start + i}: pixel ({x}, {y}) outside the stream's {w}x{h}");
            into[i] = new SensorEvent(t, (ushort)x, (ushort)y, e[12] != 0);
        }
        return count;
    }

    /// <summary>The body decompressed (or as it is, for <see cref="Aedat4Compression.None"/>), in the reusable buffer.</summary>
    internal ReadOnlySpan<byte> Unpack(ReadOnlySpan<byte> body, long offset)
    {
        _out.Clear();
        try
        {
            switch (compression)
            {
                case Aedat4Compression.None:
                    body.CopyTo(_out.WholeSpan(body.Length));
                    _out.Advance(body.Length);
                    break;
                case Aedat4Compression.Lz4 or Aedat4Compression.Lz4High:
                    LZ4Frame.Decode(body, _out);
                    break;
                default:
                    UnZstd(body);
                    break;
            }
        }
        catch (CappedBuffer.CapExceededException)
        {
            throw Error(offset, $"the packet decompresses to more than {MaxBody >> 20} MiB");
        }
        catch (Exception e) when (e is not SensorFormatException)
        {
            throw Error(offset, $"the {compression} packet body does not decompress ({e.GetType().Name}: {e.Message})");
        }
        return _out.Array.AsSpan(0, _out.Written);
    }

    private void UnZstd(ReadOnlySpan<byte> body)
    {
        if (_zstd is null)
        {
            _zstd = new ZstdSharp.Decompressor();
            _zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_dParameter.ZSTD_d_windowLogMax, 27);
        }
        var size = Math.Max(1 << 16, body.Length * 4);
        while (true)
        {
            var span = _out.WholeSpan(Math.Min(size, _out.Cap));
            if (_zstd.TryUnwrap(body, span, out var written))
            {
                _out.Advance(written);
                return;
            }
            if (span.Length >= _out.Cap) throw new CappedBuffer.CapExceededException();
            size = span.Length * 2;
        }
    }

    private SensorFormatException Error(long offset, string what) => new($"{source}: byte {offset}: {what}");
}
