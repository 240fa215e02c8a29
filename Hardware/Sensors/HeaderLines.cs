using System.Text;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// Reads the text header that AEDAT (<c>#</c>, reference/sensors.md §1.1) and Prophesee RAW/DAT (<c>% </c>,
/// §1.6–1.7) files put before their data: lines ending in LF or CRLF, each starting with the marker, up to the
/// first line that does not or to an explicit end line. Keeps the first 1,000 lines (keys sit at the top; jAER's
/// preference dump below them can be long) and refuses a line over 1 MiB.
/// </summary>
internal static class HeaderLines
{
    private const int MaxLine = 1 << 20;
    private const int KeptLines = 1000;

    /// <summary>
    /// Consumes header lines from <paramref name="bytes"/>: a line belongs to the header while it starts with
    /// <paramref name="marker"/>; a line equal to one of <paramref name="endLines"/> (after trimming) is the last one.
    /// </summary>
    public static List<string> Read(ByteWindow bytes, string marker, params string[] endLines)
    {
        var lines = new List<string>();
        var m = Encoding.ASCII.GetBytes(marker);
        while (bytes.Fill(m.Length) && bytes.Span[..m.Length].SequenceEqual(m))
        {
            var line = ReadLine(bytes);
            if (lines.Count < KeptLines) lines.Add(line);
            if (endLines.Contains(line.Trim())) break;
        }
        return lines;
    }

    private static string ReadLine(ByteWindow bytes)
    {
        var start = bytes.Offset;
        var scanned = 0;
        while (true)
        {
            var nl = bytes.Span[scanned..].IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var length = scanned + nl;
                var text = Encoding.Latin1.GetString(bytes.Span[..length]).TrimEnd('\r');
                bytes.Advance(length + 1);
                return text;
            }
            scanned = bytes.Available;
            if (scanned > MaxLine) throw bytes.Error(start, $"a header line longer than {MaxLine} bytes");
            if (!bytes.Fill(scanned + 1))
                throw bytes.Error(bytes.Offset + scanned, "the file ends inside its header (a header line with no end, no events)");
        }
    }

    /// <summary>The value after <paramref name="key"/> on the first line that has it (e.g. "AEChip:"), trimmed; null if none.</summary>
    public static string? Value(IEnumerable<string> lines, string key)
    {
        foreach (var line in lines)
        {
            var body = line.TrimStart('#', '%', ' ');
            if (body.StartsWith(key, StringComparison.OrdinalIgnoreCase)) return body[key.Length..].Trim();
        }
        return null;
    }
}
