using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using EventSpike.Neurons.IO;

namespace EventSpike.Neurons.Numpy;

/// <summary>
/// Reads and writes single arrays in NumPy's <c>.npy</c> format.
///
/// Layout: the magic <c>\x93NUMPY</c>, a version (1.0 is written; 1.0, 2.0 and 3.0 are read), the
/// header length (uint16 for 1.0, uint32 after), the header dictionary (<see cref="NpyHeader"/>)
/// padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes,
/// then the raw little-endian data in C order.
///
/// Read: <c>&lt;f8 &lt;f4 &lt;f2 &lt;i8 &lt;i4 &lt;i2 |i1 |u1 &lt;u2 &lt;u4 &lt;u8 |b1 &lt;U</c>n <c>|S</c>n, 0-d arrays,
/// and object arrays (<c>|O</c>) kept as opaque bytes. Big-endian data, structured dtypes and
/// multi-dimensional Fortran-order arrays are refused with <see cref="NpyFormatException"/>.
/// </summary>
public static class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a <c>.npy</c> file.</summary>
    public static NpyArray ReadFile(string path)
    {
        using var fs = OpenRead(path);
        return Read(fs, path, maxBytes: fs.Length);
    }

    /// <summary>Reads one array from <paramref name="stream"/>; <paramref name="source"/> and <paramref name="key"/> name it in errors.</summary>
    /// <param name="maxBytes">What the stream can hold at most (a file's or a zip entry's length): a header whose shape says
    /// more is refused before its data is allocated.</param>
    public static NpyArray Read(Stream stream, string source = "<stream>", string? key = null, long maxBytes = long.MaxValue)
    {
        try
        {
            return ReadCore(stream, maxBytes);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or InvalidDataException or OverflowException or ArgumentException)
        {
            var problem = e is EndOfStreamException ? "truncated .npy data" : e.Message;
            throw new NpyFormatException(source, key, problem, e);
        }
    }

    /// <summary>Writes <paramref name="array"/> to a file, through a temporary name renamed when complete.</summary>
    public static void WriteFile(string path, NpyArray array) => AtomicFile.Write(path, fs => Write(fs, array));

    /// <summary>Writes <paramref name="array"/> as a version 1.0 <c>.npy</c> (version 2.0 if the header exceeds 65535 bytes).</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        WriteHeader(stream, array.Descr, array.Shape);
        WriteData(stream, array);
    }

    /// <summary>
    /// Writes only the magic, version and header of an array of <paramref name="descr"/> and
    /// <paramref name="shape"/>; the caller then writes its raw little-endian data in C order
    /// (this streams an array too large to hold, as <see cref="Write"/> would have written it).
    /// </summary>
    public static void WriteHeader(Stream stream, string descr, int[] shape)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        var dict = new NpyHeader(descr, false, shape).Format();
        var v2 = dict.Length + 11 > ushort.MaxValue;
        var prefix = v2 ? 12 : 10;
        var total = prefix + dict.Length + 1;
        var pad = (64 - total % 64) % 64;
        var header = dict + new string(' ', pad) + "\n";
        var buf = new byte[prefix];
        Magic.CopyTo(buf);
        buf[6] = (byte)(v2 ? 2 : 1);
        buf[7] = 0;
        if (v2) BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(8), (uint)header.Length);
        else BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(8), (ushort)header.Length);
        stream.Write(buf);
        stream.Write(NpyHeader.Latin1.GetBytes(header));
    }

    private static void WriteData(Stream stream, NpyArray a)
    {
        switch (a.Data)
        {
            case double[] d: stream.Write(MemoryMarshal.AsBytes(d.AsSpan())); break;
            case float[] f: stream.Write(MemoryMarshal.AsBytes(f.AsSpan())); break;
            case long[] l: stream.Write(MemoryMarshal.AsBytes(l.AsSpan())); break;
            case int[] i: stream.Write(MemoryMarshal.AsBytes(i.AsSpan())); break;
            case bool[] b:
                var bytes = new byte[b.Length];
                for (var k = 0; k < b.Length; k++) bytes[k] = b[k] ? (byte)1 : (byte)0;
                stream.Write(bytes);
                break;
            case string[] s: WriteStrings(stream, a.Descr, s); break;
            case byte[] raw when a.IsOpaque: stream.Write(raw); break;
            default: throw new ArgumentException($"cannot write dtype {a.Descr} with data {a.Data.GetType().Name}");
        }
    }

    private static void WriteStrings(Stream stream, string descr, string[] values)
    {
        var unicode = descr[1] == 'U';
        var n = int.Parse(descr.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture);
        var item = unicode ? 4 * n : n;
        var buf = new byte[item];
        foreach (var v in values)
        {
            Array.Clear(buf);
            var enc = unicode ? Encoding.UTF32.GetBytes(v) : Encoding.UTF8.GetBytes(v);
            if (enc.Length > item) throw new ArgumentException($"string '{v}' does not fit in dtype {descr}");
            enc.CopyTo(buf, 0);
            stream.Write(buf);
        }
    }

    private static NpyArray ReadCore(Stream stream, long maxBytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        Span<byte> pre = stackalloc byte[8];
        stream.ReadExactly(pre);
        if (!pre[..6].SequenceEqual(Magic)) throw new FormatException("not a .npy array (bad magic string)");
        var major = pre[6];
        int headerLen;
        if (major == 1)
        {
            Span<byte> l = stackalloc byte[2];
            stream.ReadExactly(l);
            headerLen = BinaryPrimitives.ReadUInt16LittleEndian(l);
        }
        else if (major is 2 or 3)
        {
            Span<byte> l = stackalloc byte[4];
            stream.ReadExactly(l);
            headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(l));
        }
        else throw new FormatException($"unsupported .npy format version {major}.{pre[7]}");
        if (headerLen > maxBytes) throw new FormatException($"the header says it is {headerLen} bytes, more than the {maxBytes} the data can hold");
        var hb = new byte[headerLen];
        stream.ReadExactly(hb);
        var header = NpyHeader.Parse((major == 3 ? Encoding.UTF8 : NpyHeader.Latin1).GetString(hb));
        if (header.FortranOrder && header.Shape.Length > 1)
            throw new FormatException("Fortran-order arrays are not supported (save with C order)");
        long count = 1;
        foreach (var d in header.Shape) count = checked(count * d);
        return ReadData(stream, header, checked((int)count), maxBytes);
    }

    private static NpyArray ReadData(Stream stream, NpyHeader h, int count, long maxBytes)
    {
        var descr = h.Descr;
        if (descr.Length < 2) throw new FormatException($"unknown dtype '{descr}'");
        var order = descr[0];
        var kind = descr[1];
        var sizeText = descr[2..];
        if (kind == 'O' && sizeText.Length == 0 && order is '|' or '<' or '=')
        {
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            return new NpyArray("|O", h.Shape, ms.ToArray());
        }
        if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            throw new FormatException($"unknown dtype '{descr}'");
        if (order == '>' && size > 1 && kind is not ('S' or 'a'))
            throw new FormatException($"big-endian dtype '{descr}' is not supported");
        if (order is not ('<' or '|' or '=' or '>'))
            throw new FormatException($"unknown dtype '{descr}'");
        var itemSize = kind == 'U' ? checked(4 * size) : size;
        if ((double)count * itemSize > maxBytes)
            throw new FormatException($"the header's shape ({string.Join(", ", h.Shape)}) of {descr} is {(double)count * itemSize:0} bytes, more than the {maxBytes} the data can hold");
        var bytes = new byte[checked((long)count * itemSize)];
        stream.ReadExactly(bytes);
        var shape = h.Shape;
        switch (kind, size)
        {
            case ('f', 8): return new NpyArray("<f8", shape, MemoryMarshal.Cast<byte, double>(bytes).ToArray());
            case ('f', 4): return new NpyArray("<f4", shape, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
            case ('f', 2):
                return new NpyArray("<f8", shape, Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(bytes).ToArray(), x => (double)x));
            case ('i', 8): return new NpyArray("<i8", shape, MemoryMarshal.Cast<byte, long>(bytes).ToArray());
            case ('i', 4): return new NpyArray("<i4", shape, MemoryMarshal.Cast<byte, int>(bytes).ToArray());
            case ('i', 2): return Widened(shape, MemoryMarshal.Cast<byte, short>(bytes), x => x);
            case ('i', 1): return Widened(shape, MemoryMarshal.Cast<byte, sbyte>(bytes), x => x);
            case ('u', 1): return Widened(shape, (ReadOnlySpan<byte>)bytes, x => x);
            case ('u', 2): return Widened(shape, MemoryMarshal.Cast<byte, ushort>(bytes), x => x);
            case ('u', 4): return Widened(shape, MemoryMarshal.Cast<byte, uint>(bytes), x => x);
            case ('u', 8):
                return Widened(shape, MemoryMarshal.Cast<byte, ulong>(bytes), x => x <= long.MaxValue
                    ? (long)x : throw new OverflowException($"uint64 value {x} does not fit in int64"));
            case ('b', 1):
                var b = new bool[count];
                for (var k = 0; k < count; k++) b[k] = bytes[k] != 0;
                return new NpyArray("|b1", shape, b);
            case ('U', _): return new NpyArray(descr.Replace('=', '<').Replace('|', '<'), shape, DecodeStrings(bytes, count, itemSize, Encoding.UTF32));
            case ('S' or 'a', _): return new NpyArray("|S" + sizeText, shape, DecodeStrings(bytes, count, itemSize, Encoding.UTF8));
            default: throw new FormatException($"unsupported dtype '{descr}'");
        }
    }

    private static NpyArray Widened<T>(int[] shape, ReadOnlySpan<T> src, Func<T, long> widen)
    {
        var l = new long[src.Length];
        for (var k = 0; k < l.Length; k++) l[k] = widen(src[k]);
        return new NpyArray("<i8", shape, l);
    }

    private static string[] DecodeStrings(byte[] bytes, int count, int itemSize, Encoding enc)
    {
        var unit = enc == Encoding.UTF32 ? 4 : 1;
        var r = new string[count];
        for (var k = 0; k < count; k++)
        {
            var span = bytes.AsSpan(k * itemSize, itemSize);
            var len = itemSize;
            while (len >= unit && IsZero(span.Slice(len - unit, unit))) len -= unit;
            r[k] = enc.GetString(span[..len]);
        }
        return r;
    }

    private static bool IsZero(ReadOnlySpan<byte> s)
    {
        foreach (var b in s) if (b != 0) return false;
        return true;
    }

    internal static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NpyFormatException(path, null, e.Message, e);
        }
    }
}
