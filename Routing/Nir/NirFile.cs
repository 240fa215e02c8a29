using PureHDF;

namespace EventSpike.Routing.Nir;

/// <summary>
/// Reads and writes NIR graph files (HDF5, through PureHDF: no native library). Layout: a root
/// <c>version</c> dataset (or attribute) and a <c>node</c> group with a <c>type</c> string, the
/// node's fields as datasets and, for a <c>NIRGraph</c>, a <c>nodes</c> group (one group per node)
/// and an N×2 <c>edges</c> string dataset. Strings may be variable-length or fixed byte strings, numbers
/// any integer or float width. Whatever is wrong comes out as a <see cref="NirFormatException"/>
/// naming the file, the node and the field.
/// </summary>
public static class NirFile
{
    /// <summary>The first bytes of every HDF5 file (at offset 0 when there is no user block).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>True when <paramref name="path"/> names a NIR graph: a .nir extension or an HDF5 signature.</summary>
    public static bool Looks(string path)
    {
        if (path.EndsWith(".nir", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var s = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8];
            return s.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Signature);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static NirGraph Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NirFormatException($"{path}: cannot read the NIR file: {e.Message}", e);
        }
        return Read(bytes, path);
    }

    /// <summary>Reads a graph from a file's bytes; <paramref name="path"/> names it in errors.</summary>
    public static NirGraph Read(byte[] bytes, string path)
    {
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
            throw new NirFormatException($"{path}: not an HDF5 file (no HDF5 signature at byte 0)");
        NirHeapCheck.Check(bytes, path);
        var reader = new NirHdf5Reader(path, bytes.LongLength);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var file = H5File.Open(stream, leaveOpen: true);
            return reader.ReadRoot(file);
        }
        catch (NirFormatException)
        {
            throw;
        }
        catch (OutOfMemoryException e)
        {
            // A corrupt length field asks PureHDF for an array larger than .NET allows.
            throw new NirFormatException($"{path}: {reader.Where}: broken HDF5: a length field asks for more memory than a file of {bytes.Length} bytes can need", e);
        }
        catch (Exception e)
        {
            throw new NirFormatException($"{path}: {reader.Where}: broken HDF5: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> (a temporary file renamed when complete).</summary>
    public static void Write(string path, NirGraph graph)
    {
        var file = new H5File { ["version"] = graph.Version, ["node"] = Group(new NirNode(NirNode.GraphType, new Dictionary<string, NirField>(), graph)) };
        // PureHDF writes to a seekable, readable stream: build the file in memory, then write it whole.
        using var memory = new MemoryStream();
        file.Write(memory);
        Neurons.IO.AtomicFile.Write(path, stream => memory.WriteTo(stream));
    }

    private static H5Group Group(NirNode node)
    {
        var group = new H5Group { ["type"] = node.Type };
        foreach (var (name, field) in node.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            group[name] = Dataset(field);
        if (node.Graph is { } g)
        {
            var nodes = new H5Group();
            foreach (var (name, inner) in g.Nodes) nodes[name] = Group(inner);
            group["nodes"] = nodes;
            var flat = g.Edges.SelectMany(e => new[] { e.From, e.To }).ToArray();
            group["edges"] = new H5Dataset(flat, fileDims: [(ulong)g.Edges.Count, 2]);
        }
        return group;
    }

    private static object Dataset(NirField f)
    {
        if (f.IsText) return f.Text!;
        var dims = f.Shape.Select(d => (ulong)d).ToArray();
        object data = f.Kind switch
        {
            NirFieldKind.Float32 => f.Data.Select(x => (float)x).ToArray(),
            NirFieldKind.Integer => f.Data.Select(x => (long)x).ToArray(),
            _ => f.Data,
        };
        if (dims.Length == 0)
            return f.Kind switch { NirFieldKind.Float32 => (object)(float)f.Data[0], NirFieldKind.Integer => (long)f.Data[0], _ => f.Data[0] };
        return new H5Dataset(data, fileDims: dims);
    }
}
