using System.IO.Compression;

namespace EventSpike.Neurons.Numpy;

/// <summary>
/// Writes an <c>.npz</c> archive one array at a time, as <see cref="Npz.Write"/> does (the same bytes
/// for the same arrays), but an array may be streamed: its dtype and shape are given first (numpy's
/// header holds the shape), then its raw little-endian data is written straight into the zip entry,
/// so an array need not be held in memory.
/// </summary>
public sealed class NpzStreamWriter : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly bool _compress;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <param name="compress">Deflate the entries (<c>savez_compressed</c>); stored otherwise (<c>savez</c>).</param>
    public NpzStreamWriter(Stream stream, bool compress = false)
    {
        _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        _compress = compress;
    }

    /// <summary>Adds a whole array.</summary>
    public void Add(string key, NpyArray array)
    {
        using var entry = Open(key);
        Npy.Write(entry, array);
    }

    /// <summary>
    /// Adds an array of <paramref name="descr"/> and <paramref name="shape"/> whose data
    /// <paramref name="writeData"/> writes (exactly the shape's element count, C order, little-endian).
    /// </summary>
    public void Add(string key, string descr, int[] shape, Action<Stream> writeData)
    {
        using var entry = Open(key);
        Npy.WriteHeader(entry, descr, shape);
        writeData(entry);
    }

    private Stream Open(string key)
    {
        if (!_seen.Add(key)) throw new ArgumentException($"duplicate key '{key}'");
        var entry = _zip.CreateEntry(key + ".npy", _compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return entry.Open();
    }

    public void Dispose() => _zip.Dispose();
}
