using System.Buffers.Binary;

namespace EventSpike.Host.Output;

/// <summary>
/// Reads the first <see cref="Length"/> bytes of a <see cref="RecordingJournal"/> (its layout is
/// described there) from the start, handing each record to the handler of its kind; records of a
/// kind with no handler are skipped unread. Each pass opens the file afresh and holds one record at
/// a time, so memory does not grow with the journal. A record that is cut short, an unknown tag or a
/// payload that does not add up is an <see cref="InvalidDataException"/> naming the file and the byte.
/// </summary>
public sealed class JournalReader(string path, long length)
{
    public string Path { get; } = path;
    public long Length { get; } = length;

    /// <summary>Reads every record, decoding each, and hands them to the handlers given.</summary>
    /// <param name="spikes">(step, layer, neurons) of a spikes record.</param>
    /// <param name="samples">(layer, first step, channels, samples) of a continuous window.</param>
    /// <param name="probes">(probe, steps, values) of a probe's samples.</param>
    public void Read(Action<long, int, ReadOnlySpan<int>>? spikes = null, Action<int, long, int, ReadOnlySpan<double>>? samples = null,
        Action<int, ReadOnlySpan<long>, ReadOnlySpan<double>>? probes = null) => Pass(spikes, samples, probes, decodeAll: false);

    /// <summary>Reads the whole journal through, decoding every record: throws if any is corrupt.</summary>
    public void Check() => Pass(null, null, null, decodeAll: true);

    private void Pass(Action<long, int, ReadOnlySpan<int>>? spikes, Action<int, long, int, ReadOnlySpan<double>>? samples,
        Action<int, ReadOnlySpan<long>, ReadOnlySpan<double>>? probes, bool decodeAll)
    {
        using var stream = Open();
        var payload = new byte[256];
        var decoder = new JournalRecordDecoder(this);
        var at = (long)RecordingJournal.Magic.Length;
        while (at < Length)
        {
            var start = at;
            var tag = ReadByte(stream, start, ref at);
            var size = ReadVarint(stream, start, ref at);
            if (size > (ulong)(Length - at)) throw Corrupt(start, $"a record of {size} bytes is cut short (the journal ends at byte {Length})");
            var handled = tag switch
            {
                RecordingJournal.SpikesTag => spikes is not null,
                RecordingJournal.SamplesTag => samples is not null,
                RecordingJournal.ProbeTag => probes is not null,
                _ => throw Corrupt(start, $"unknown record tag {tag}"),
            };
            if (!handled && !decodeAll)
            {
                stream.Seek((long)size, SeekOrigin.Current);
                at += (long)size;
                continue;
            }
            if (payload.Length < (int)size) payload = new byte[Math.Max((int)size, 2 * payload.Length)];
            stream.ReadExactly(payload, 0, (int)size);
            at += (long)size;
            decoder.Decode(start, tag, payload.AsSpan(0, (int)size), spikes, samples, probes);
        }
    }

    private FileStream Open()
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidDataException($"{Path}: the recording journal is missing");
        }
        try
        {
            if (stream.Length < Length)
                throw new InvalidDataException($"{Path} is shorter ({stream.Length} bytes) than its checkpoint says ({Length})");
            Span<byte> magic = stackalloc byte[RecordingJournal.Magic.Length];
            if (Length < magic.Length || stream.ReadAtLeast(magic, magic.Length, false) < magic.Length || !magic.SequenceEqual(RecordingJournal.Magic))
                throw new InvalidDataException($"{Path}: not a recording journal (its first bytes are not EventSpike's journal header)");
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    internal InvalidDataException Corrupt(long offset, string problem) =>
        new($"{Path}: corrupt recording journal at byte {offset}: {problem}");

    private byte ReadByte(FileStream stream, long start, ref long at)
    {
        if (at >= Length) throw Corrupt(start, $"a record is cut short (the journal ends at byte {Length})");
        var b = stream.ReadByte();
        if (b < 0) throw Corrupt(start, "a record is cut short (end of file)");
        at++;
        return (byte)b;
    }

    private ulong ReadVarint(FileStream stream, long start, ref long at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte(stream, start, ref at);
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw Corrupt(start, "a length runs past 64 bits");
    }

    /// <summary>Reads a little-endian float64 (for the decoder on big-endian hosts).</summary>
    internal static double Double(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadDoubleLittleEndian(bytes);
}
