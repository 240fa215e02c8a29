using System.Runtime.InteropServices;

namespace EventSpike.Host.Output;

/// <summary>Streams values to a stream as raw little-endian data through a fixed buffer (the data of a streamed .npy array).</summary>
internal sealed class ArrayChunks<T>(Stream stream) : IDisposable where T : unmanaged
{
    private readonly T[] _buffer = new T[8192];
    private int _count;

    public void Add(T value)
    {
        if (_count == _buffer.Length) Flush();
        _buffer[_count++] = value;
    }

    public void Add(ReadOnlySpan<T> values)
    {
        foreach (var v in values) Add(v);
    }

    private void Flush()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
        stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
        _count = 0;
    }

    public void Dispose() => Flush();
}
