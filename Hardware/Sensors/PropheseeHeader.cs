using System.Text;
using System.Text.RegularExpressions;

namespace EventSpike.Hardware.Sensors;

/// <summary>
/// The <c>% key value</c> header of Prophesee RAW and DAT files (reference/sensors.md §1.6–1.7): the encoding
/// (<c>% evt 3.0</c> or <c>% format EVT3;…</c>) and the resolution, from <c>% geometry WxH</c>, the
/// <c>format</c> line's width/height, DAT's <c>% Width</c>/<c>% Height</c>, or else the plugin name (gen3 →
/// 640×480, gen41/imx636 → 1280×720, genx320 → 320×320), else unknown.
/// </summary>
internal sealed partial class PropheseeHeader
{
    public List<string> Lines { get; private init; } = [];
    public int? Width { get; private init; }
    public int? Height { get; private init; }
    public string? SizeNote { get; private init; }

    /// <summary>Reads the header (lines starting <c>% </c>, up to <c>% end</c>) from <paramref name="bytes"/>.</summary>
    public static PropheseeHeader Read(ByteWindow bytes)
    {
        var lines = HeaderLines.Read(bytes, "% ", "% end");
        var format = HeaderLines.Value(lines, "format") ?? "";
        int? w = null, h = null;
        string? note = null;
        if (GeometryPattern().Match(HeaderLines.Value(lines, "geometry") ?? "") is { Success: true } g)
            (w, h) = (int.Parse(g.Groups[1].Value), int.Parse(g.Groups[2].Value));
        else if (WidthPattern().Match(format) is { Success: true } fw && HeightPattern().Match(format) is { Success: true } fh)
            (w, h) = (int.Parse(fw.Groups[1].Value), int.Parse(fh.Groups[1].Value));
        else if (int.TryParse(HeaderLines.Value(lines, "Width"), out var dw) && int.TryParse(HeaderLines.Value(lines, "Height"), out var dh))
            (w, h) = (dw, dh);
        else if (HeaderLines.Value(lines, "plugin_name") is { } plugin && SensorSizes.OfPlugin(plugin) is { } size)
        {
            (w, h) = size;
            note = $"no geometry line: resolution {w}x{h} inferred from plugin '{plugin}'";
        }
        else note = "no geometry line and no known plugin: resolution unknown";
        return new PropheseeHeader { Lines = lines, Width = w, Height = h, SizeNote = note };
    }

    /// <summary>Whether the first header lines in <paramref name="head"/> name the encoding <paramref name="evt"/> ("2.0", "3.0").</summary>
    public static bool Names(ReadOnlySpan<byte> head, string evt)
    {
        if (!head.StartsWith("% "u8)) return false;
        var text = Encoding.Latin1.GetString(head);
        return text.Contains($"% evt {evt}", StringComparison.Ordinal)
            || text.Contains($"format EVT{evt.Replace(".0", "")};", StringComparison.OrdinalIgnoreCase)
            || text.Contains($"format EVT{evt.Replace(".0", "")}\n", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(\d+)\s*x\s*(\d+)")]
    private static partial Regex GeometryPattern();

    [GeneratedRegex(@"width=(\d+)")]
    private static partial Regex WidthPattern();

    [GeneratedRegex(@"height=(\d+)")]
    private static partial Regex HeightPattern();
}
