using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EventSpike.Host.Output;

/// <summary>
/// The run's recording on disk, appended as the run goes so that memory does not grow with the
/// run's length: the spikes of the recorded layers, the samples of recorded continuous layers and
/// the probes' samples. The output files are made from it at the end (<see cref="JournalReader"/>).
///
/// Layout (little-endian; a varint is an unsigned LEB128: 7 bits a byte, low bits first, the high
/// bit set on every byte but the last):
/// <code>
/// header   8 bytes: "ESJRNL" 0x00 0x01 (0x01: the version)
/// record   tag (1 byte), varint payload length in bytes, payload:
///   1 spikes   varint step, varint layer, varint count, count varints: the first neuron, then the
///              gap from each neuron to the next (neurons ascend within one step and layer)
///   2 samples  varint layer, varint first step, varint rows, varint channels,
///              rows·channels float64 (row r is step first + r)
///   3 probe    varint probe, varint rows, varint width, rows varints: the first step, then the gap
///              from each step to the next; rows·width float64 (the values after each step)
/// </code>
/// Records follow in the order the recorder gave them (the contract's order for spikes). A
/// checkpoint stores the journal's length (<see cref="Mark"/>), always at a record boundary; a
/// resumed run cuts the journal back to it (<see cref="OpenAt"/>).
/// </summary>
public sealed class RecordingJournal : IDisposable
{
    public const byte SpikesTag = 1;
    public const byte SamplesTag = 2;
    public const byte ProbeTag = 3;

    /// <summary>The file's first 8 bytes.</summary>
    public static ReadOnlySpan<byte> Magic => [(byte)'E', (byte)'S', (byte)'J', (byte)'R', (byte)'N', (byte)'L', 0, 1];

    private readonly FileStream _stream;
    private byte[] _record = new byte[256];
    private int _used;

    private RecordingJournal(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>A new journal at <paramref name="path"/> (replacing one there unless <paramref name="createNew"/>).</summary>
    public static RecordingJournal Create(string path, bool createNew = false)
    {
        var stream = new FileStream(path, createNew ? FileMode.CreateNew : FileMode.Create, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16);
        stream.Write(Magic);
        return new RecordingJournal(path, stream);
    }

    /// <summary>
    /// Opens the journal at <paramref name="path"/> to go on after its first <paramref name="length"/> bytes
    /// (a checkpoint's mark): they are read through to check them, what follows is cut off.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is shorter than the mark, or its records are corrupt (naming the file).</exception>
    public static RecordingJournal OpenAt(string path, long length)
    {
        new JournalReader(path, length).Check();
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16);
        stream.SetLength(length);
        stream.Seek(length, SeekOrigin.Begin);
        return new RecordingJournal(path, stream);
    }

    /// <summary>The spikes of one step of one layer (neurons ascending).</summary>
    public void WriteSpikes(long step, int layer, ReadOnlySpan<int> neurons)
    {
        Begin(32 + 10 * neurons.Length);
        Varint((ulong)step);
        Varint((ulong)layer);
        Varint((ulong)neurons.Length);
        var previous = 0;
        foreach (var n in neurons)
        {
            Varint((ulong)(n - previous));
            previous = n;
        }
        End(SpikesTag);
    }

    /// <summary>A window of a continuous layer: <c>samples[r·channels + c]</c> is channel c at step <c>startStep + r</c>.</summary>
    public void WriteSamples(int layer, long startStep, int channels, ReadOnlySpan<double> samples)
    {
        Begin(32 + 8 * samples.Length);
        Varint((ulong)layer);
        Varint((ulong)startStep);
        Varint((ulong)(samples.Length / channels));
        Varint((ulong)channels);
        Doubles(samples);
        End(SamplesTag);
    }

    /// <summary>Samples of a probe: after step <c>steps[r]</c>, values <c>values[r·width .. (r+1)·width)</c>.</summary>
    public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        Begin(32 + 10 * steps.Length + 8 * values.Length);
        Varint((ulong)probe);
        Varint((ulong)steps.Length);
        Varint((ulong)(steps.Length == 0 ? 0 : values.Length / steps.Length));
        var previous = 0L;
        foreach (var s in steps)
        {
            Varint((ulong)(s - previous));
            previous = s;
        }
        Doubles(values);
        End(ProbeTag);
    }

    /// <summary>Hands what was written to the operating system, so that a reader sees it.</summary>
    public long Flush()
    {
        _stream.Flush(false);
        return _stream.Position;
    }

    /// <summary>Makes everything written so far durable and returns the journal's length (a record boundary).</summary>
    public long Mark()
    {
        _stream.Flush(true);
        return _stream.Position;
    }

    public void Dispose() => _stream.Dispose();

    // A record is built in _record after room for its tag and length (at most 1 + 10 bytes), then written at once.
    private const int Room = 11;

    private void Begin(int most)
    {
        if (_record.Length < Room + most) _record = new byte[Math.Max(Room + most, 2 * _record.Length)];
        _used = Room;
    }

    private void End(byte tag)
    {
        var length = (ulong)(_used - Room);
        Span<byte> head = stackalloc byte[Room];
        head[0] = tag;
        var n = 1 + WriteVarint(head[1..], length);
        var start = Room - n;
        head[..n].CopyTo(_record.AsSpan(start));
        _stream.Write(_record, start, _used - start);
    }

    private void Varint(ulong value) => _used += WriteVarint(_record.AsSpan(_used), value);

    private void Doubles(ReadOnlySpan<double> values)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian) bytes.CopyTo(_record.AsSpan(_used));
        else
            for (var i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(_record.AsSpan(_used + 8 * i), values[i]);
        _used += bytes.Length;
    }

    internal static int WriteVarint(Span<byte> to, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            to[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        to[i++] = (byte)value;
        return i;
    }
}
