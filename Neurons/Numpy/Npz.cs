using System.IO.Compression;
using EventSpike.Neurons.IO;

namespace EventSpike.Neurons.Numpy;

/// <summary>
/// Reads and writes NumPy <c>.npz</c> archives: a zip file holding one <c>KEY.npy</c> entry per array,
/// stored (as <c>numpy.savez</c> writes) or deflated (as <c>numpy.savez_compressed</c> writes).
/// Keys keep the order of the archive. Every problem is reported as <see cref="NpyFormatException"/>
/// naming the file and the key.
/// </summary>
public static class Npz
{
    /// <summary>Reads every array of the archive at <paramref name="path"/>.</summary>
    public static IReadOnlyDictionary<string, NpyArray> ReadFile(string path)
    {
        using var fs = Npy.OpenRead(path);
        return Read(fs, path);
    }

    /// <summary>
    /// The most bytes one entry may unpack to by default (512 MiB, e.g. 32 million events of a TSEvent): an entry that
    /// declares more is refused before it is inflated.
    /// </summary>
    public const long DefaultMaxEntryBytes = 512L << 20;

    /// <summary>Reads every array of the archive in <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <param name="maxEntryBytes">The most bytes one entry may unpack to (<see cref="DefaultMaxEntryBytes"/>).</param>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string source = "<stream>", long maxEntryBytes = DefaultMaxEntryBytes)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new NpyFormatException(source, null, "not a valid .npz (zip) archive, or truncated: " + e.Message, e);
        }
        using (zip)
        {
            var result = new OrderedArrays();
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                var key = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                // A zip bomb (a small entry that unpacks to gigabytes) is refused from its declared size, before it is inflated.
                if (entry.Length > maxEntryBytes)
                    throw new NpyFormatException(source, key,
                        $"the entry unpacks to {Gib(entry.Length)}, more than the {Gib(maxEntryBytes)} an .npz entry may hold");
                try
                {
                    // Read as it inflates: the array's header is checked against the entry's size before its data is allocated.
                    using var es = new ZipEntryReader(entry.Open(), entry.Length);
                    var array = Npy.Read(es, source, key, entry.Length);
                    es.Drain();
                    if (es.BytesRead != entry.Length)
                        throw new NpyFormatException(source, key, $"entry holds {es.BytesRead} bytes, the archive says {entry.Length}");
                    if (es.Crc32 != entry.Crc32)
                        throw new NpyFormatException(source, key, "corrupt zip entry (CRC-32 mismatch)");
                    result.Add(key, array);
                }
                catch (InvalidDataException e)
                {
                    throw new NpyFormatException(source, key, "corrupt or truncated zip entry: " + e.Message, e);
                }
                catch (IOException e) when (e is not EndOfStreamException)
                {
                    throw new NpyFormatException(source, key, "cannot read zip entry: " + e.Message, e);
                }
            }
            return result;
        }
    }

    /// <summary>
    /// Writes <paramref name="arrays"/> as an <c>.npz</c> archive to <paramref name="path"/>, through a
    /// temporary name renamed when complete (a file that exists is whole).
    /// </summary>
    /// <param name="compress">Deflate the entries (<c>savez_compressed</c>); stored otherwise (<c>savez</c>).</param>
    public static void WriteFile(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = false)
        => AtomicFile.Write(path, fs => Write(fs, arrays, compress));

    /// <summary>Writes <paramref name="arrays"/> as an <c>.npz</c> archive to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = false)
    {
        using var zip = new NpzStreamWriter(stream, compress);
        foreach (var (key, array) in arrays) zip.Add(key, array);
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " GiB";

    private sealed class OrderedArrays : IReadOnlyDictionary<string, NpyArray>
    {
        private readonly Dictionary<string, NpyArray> _map = new(StringComparer.Ordinal);
        private readonly List<string> _keys = new();

        public void Add(string key, NpyArray value)
        {
            _map[key] = value;
            if (!_keys.Contains(key)) _keys.Add(key);
        }

        public NpyArray this[string key] => _map[key];
        public IEnumerable<string> Keys => _keys;
        public IEnumerable<NpyArray> Values => _keys.Select(k => _map[k]);
        public int Count => _keys.Count;
        public bool ContainsKey(string key) => _map.ContainsKey(key);
        public bool TryGetValue(string key, out NpyArray value) => _map.TryGetValue(key, out value!);
        public IEnumerator<KeyValuePair<string, NpyArray>> GetEnumerator() =>
            _keys.Select(k => new KeyValuePair<string, NpyArray>(k, _map[k])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
