using System.Xml.Linq;
using Google.FlatBuffers;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// The AEDAT 4.0 IOHeader (reference/sensors.md §1.4): a FlatBuffer with identifier <c>IOHE</c> (not size-prefixed)
/// holding <c>compression</c> (field 0), <c>dataTablePosition</c> (field 1, -1 when absent) and the <c>infoNode</c>
/// XML (field 2) that names each stream. The same header starts a DV network stream (§1.5), without the version line.
/// </summary>
public sealed record Aedat4Header(Aedat4Compression Compression, long DataTablePosition, IReadOnlyList<Aedat4Stream> Streams)
{
    /// <summary>Parses the <paramref name="flatbuffer"/> found at byte <paramref name="offset"/> of <paramref name="source"/>.</summary>
    public static Aedat4Header Parse(ReadOnlySpan<byte> flatbuffer, string source, long offset)
    {
        var bb = new ByteBuffer(flatbuffer.ToArray());
        if (!FlatBufferCheck.Valid(bb, "IOHE", false, Verify))
            throw new SensorFormatException($"{source}: byte {offset}: the IOHeader is not a valid FlatBuffer with identifier IOHE");
        var table = new Table(bb.GetInt(0), bb);
        var o = table.__offset(4);
        var compression = o == 0 ? 0 : bb.GetInt(table.bb_pos + o);
        if (compression is < 0 or > 4) throw new SensorFormatException($"{source}: byte {offset}: unknown compression {compression} in the IOHeader");
        o = table.__offset(6);
        var dataTable = o == 0 ? -1 : bb.GetLong(table.bb_pos + o);
        o = table.__offset(8);
        var xml = o == 0 ? "" : table.__string(table.bb_pos + o);
        return new Aedat4Header((Aedat4Compression)compression, dataTable, ParseStreams(xml, source, offset));
    }

    private static bool Verify(Verifier v, uint table) =>
        v.VerifyTableStart(table) && v.VerifyField(table, 4, 4, 4, false) && v.VerifyField(table, 6, 8, 8, false)
        && v.VerifyString(table, 8, false) && v.VerifyTableEnd(table);

    /// <summary>The streams of the infoNode XML's <c>outInfo</c> node (one child per stream id).</summary>
    private static List<Aedat4Stream> ParseStreams(string xml, string source, long offset)
    {
        if (xml.Length == 0) return [];
        XElement root;
        try
        {
            root = XElement.Parse(xml);
        }
        catch (System.Xml.XmlException e)
        {
            throw new SensorFormatException($"{source}: byte {offset}: the IOHeader's info XML is malformed: {e.Message}");
        }
        var outInfo = root.Elements("node").FirstOrDefault(n => (string?)n.Attribute("name") == "outInfo");
        var streams = new List<Aedat4Stream>();
        foreach (var node in outInfo?.Elements("node") ?? [])
        {
            if (!int.TryParse((string?)node.Attribute("name"), out var id)) continue;
            var info = node.Elements("node").FirstOrDefault(n => (string?)n.Attribute("name") == "info");
            streams.Add(new Aedat4Stream(id, Attr(node, "typeIdentifier") ?? "?", Int(Attr(info, "sizeX")), Int(Attr(info, "sizeY")), Attr(info, "source")));
        }
        return streams;
    }

    private static string? Attr(XElement? node, string key) =>
        node?.Elements("attr").FirstOrDefault(a => (string?)a.Attribute("key") == key)?.Value.Trim();

    private static int? Int(string? text) => int.TryParse(text, out var v) && v > 0 ? v : null;
}
