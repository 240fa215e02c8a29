using System.Buffers.Binary;

namespace EventSpike.Routing.Nir;

/// <summary>
/// A check of the HDF5 global heap collections (signature <c>GCOL</c>: where variable-length strings
/// such as node types, edges and the version live) before PureHDF reads the file: every collection and
/// every object in it must fit in the file. A corrupt size would otherwise have the reader allocate
/// gigabytes before it finds the file too short.
/// </summary>
internal static class NirHeapCheck
{
    public static void Check(byte[] bytes, string path)
    {
        var span = bytes.AsSpan();
        for (var at = span.IndexOf("GCOL"u8); at >= 0; at = Next(span, at))
        {
            if (at + 16 > bytes.Length) throw Error(path, at, "a global heap header runs past the end of the file");
            var size = BinaryPrimitives.ReadUInt64LittleEndian(span[(at + 8)..]);
            if (size < 16 || size > (ulong)(bytes.Length - at)) throw Error(path, at, $"a global heap of {size} bytes does not fit in the file");
            var end = at + (long)size;
            for (var o = at + 16L; o + 16 <= end;)
            {
                var index = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)o..]);
                var length = BinaryPrimitives.ReadUInt64LittleEndian(span[(int)(o + 8)..]);
                // The free-space object (index 0) counts its own header; the others do not.
                if (length > (ulong)(end - o - (index == 0 ? 0 : 16))) throw Error(path, o, $"global heap object {index} claims {length} bytes, more than its heap holds");
                if (index == 0) break;
                o += 16 + (long)((length + 7) / 8 * 8);
            }
        }
    }

    private static int Next(Span<byte> span, int at)
    {
        var rest = span[(at + 4)..].IndexOf("GCOL"u8);
        return rest < 0 ? -1 : at + 4 + rest;
    }

    private static NirFormatException Error(string path, long at, string what) => new($"{path}: byte {at}: broken HDF5: {what}");
}
