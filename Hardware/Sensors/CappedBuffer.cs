using System.Buffers;

namespace EventSpike.Hardware.Sensors;

/// <summary>A reusable, growable output buffer for decompression that refuses to grow past a cap (a corrupt or hostile packet cannot exhaust memory).</summary>
internal sealed class CappedBuffer(int cap) : IBufferWriter<byte>
{
    private byte[] _data = new byte[1 << 16];

    public int Written { get; private set; }
    public byte[] Array => _data;
    public int Cap => cap;

    public void Clear() => Written = 0;

    public void Advance(int count) => Written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsMemory(Written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsSpan(Written);
    }

    /// <summary>Grows so that at least <paramref name="hint"/> (at least 1) bytes follow what is written.</summary>
    public void Ensure(int hint)
    {
        var need = (long)Written + Math.Max(hint, 1);
        if (need <= _data.Length) return;
        if (need > cap) throw new CapExceededException();
        var size = Math.Min(cap, Math.Max(need, (long)_data.Length * 2));
        System.Array.Resize(ref _data, (int)size);
    }

    /// <summary>Grows to <paramref name="size"/> bytes in all (capped), for decoders that write into one span.</summary>
    public Span<byte> WholeSpan(int size)
    {
        Written = 0;
        Ensure(size);
        return _data.AsSpan();
    }

    public sealed class CapExceededException : Exception;
}
