namespace EventSpike.Neurons.Numpy;

/// <summary>
/// Reads a zip entry's inflated bytes as they come, computing their CRC-32 and refusing to go past the size the
/// archive declares (<see cref="InvalidDataException"/>): an entry that unpacks to more than it says never does.
/// </summary>
internal sealed class ZipEntryReader(Stream inner, long declaredLength) : Stream
{
    private uint _crc = ZipCrc32.Start;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The CRC-32 of the bytes read so far.</summary>
    public uint Crc32 => ZipCrc32.Finish(_crc);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > declaredLength)
            throw new InvalidDataException($"the entry unpacks to more than the {declaredLength} bytes the archive declares");
        _crc = ZipCrc32.Update(_crc, buffer[..n]);
        return n;
    }

    /// <summary>Reads what is left (an array's data must fill the entry), so that the length and CRC can be checked.</summary>
    public void Drain()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0) { }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => declaredLength;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
