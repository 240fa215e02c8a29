using Google.FlatBuffers;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// The file data table at the end of an AEDAT 4.0 file (reference/sensors.md §1.4): compressed like the packets,
/// then a size-prefixed FlatBuffer <c>FTAB</c> whose field 0 is a vector of FileDataDefinition tables
/// (ByteOffset int64, PacketInfo struct {int32 streamId, int32 size}, NumElements, TimestampStart, TimestampEnd int64).
/// </summary>
public static class Aedat4DataTable
{
    /// <summary>The table's entries; an empty list when the header says there is none (position -1).</summary>
    public static IReadOnlyList<Aedat4TableEntry> Read(string path)
    {
        using var file = File.OpenRead(path);
        var window = new ByteWindow(file, path);
        if (!window.Fill(18) || !window.Span.StartsWith("#!AER-DAT4.0\r\n"u8)) throw window.Error(0, "not an AEDAT 4.0 file");
        var length = BitConverter.ToInt32(window.Span[14..18]);
        if (length is <= 0 or > 1 << 24 || !window.Fill(18 + length)) throw window.Error(14, $"IOHeader length {length} is invalid");
        var header = Aedat4Header.Parse(window.Span.Slice(18, length), path, 18);
        if (header.DataTablePosition < 0) return [];
        if (header.DataTablePosition > file.Length) throw window.Error(14, "the data table position is past the end of the file");
        file.Position = header.DataTablePosition;
        var body = new byte[file.Length - header.DataTablePosition];
        file.ReadExactly(body);
        var data = new Aedat4Packets(header.Compression, path).Unpack(body, header.DataTablePosition).ToArray();
        return Entries(data, path, header.DataTablePosition);
    }

    private static List<Aedat4TableEntry> Entries(byte[] data, string path, long offset)
    {
        var bb = new ByteBuffer(data);
        if (data.Length < 12 || !FlatBufferCheck.Valid(bb, "FTAB", true, VerifyTable, 1 << 24))
            throw new SensorFormatException($"{path}: byte {offset}: the data table is not a valid FTAB FlatBuffer");
        var root = new Table(4 + bb.GetInt(4), bb);
        var o = root.__offset(4);
        var entries = new List<Aedat4TableEntry>();
        if (o == 0) return entries;
        var vector = root.__vector(o);
        for (var i = 0; i < root.__vector_len(o); i++)
        {
            var t = new Table(root.__indirect(vector + 4 * i), bb);
            long Long(int field) => t.__offset(field) is var f and not 0 ? bb.GetLong(t.bb_pos + f) : 0;
            var info = t.__offset(6);
            var (stream, size) = info == 0 ? (0, 0) : (bb.GetInt(t.bb_pos + info), bb.GetInt(t.bb_pos + info + 4));
            entries.Add(new Aedat4TableEntry(Long(4), stream, size, Long(8), Long(10), Long(12)));
        }
        return entries;
    }

    private static bool VerifyTable(Verifier v, uint table) =>
        v.VerifyTableStart(table) && v.VerifyVectorOfTables(table, 4, VerifyDefinition, false) && v.VerifyTableEnd(table);

    private static bool VerifyDefinition(Verifier v, uint table) =>
        v.VerifyTableStart(table) && v.VerifyField(table, 4, 8, 8, false) && v.VerifyField(table, 6, 8, 4, false)
        && v.VerifyField(table, 8, 8, 8, false) && v.VerifyField(table, 10, 8, 8, false) && v.VerifyField(table, 12, 8, 8, false)
        && v.VerifyTableEnd(table);
}
