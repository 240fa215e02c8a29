using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using EventSpike.Host.Cli;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// Checks the text of a JSON file that <see cref="JsonDocument"/> accepts but cannot turn into strings: bytes that are not
/// UTF-8 (refused with their line and column) and escapes of a lone UTF-16 surrogate such as <c>"\ud800"</c> (refused
/// with the JSON path of the string). Without these checks they surface later as an exception while the network is built.
/// </summary>
internal static class JsonText
{
    /// <summary>Refuses <paramref name="utf8"/> unless it is valid UTF-8, naming the line and column (in bytes) of the first bad byte.</summary>
    public static void CheckUtf8(ReadOnlySpan<byte> utf8, string path)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, utf8.Length));
        try
        {
            if (Utf8.ToUtf16(utf8, chars, out var read, out _, replaceInvalidSequences: false) != OperationStatus.InvalidData) return;
            var before = utf8[..read];
            var line = before.Count((byte)'\n') + 1;
            var column = read - (before.LastIndexOf((byte)'\n') + 1) + 1;
            throw new InputException($"{path}: line {line}, column {column}: not UTF-8 text (byte 0x{utf8[read]:X2} at offset {read})");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Refuses any string or property name under <paramref name="element"/> that is not valid UTF-16 (a lone surrogate), naming its path.</summary>
    public static void CheckStrings(JsonElement element, string path, string where = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Decode(() => element.GetString(), path, where);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object) CheckStrings(item, path, $"{where}[{i}]");
                    i++;
                }
                break;
            case JsonValueKind.Object:
                var k = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = Decode(() => property.Name, path, where.Length == 0 ? $"(field {k})" : $"{where}.(field {k})");
                    CheckStrings(property.Value, path, where.Length == 0 ? name : $"{where}.{name}");
                    k++;
                }
                break;
        }
    }

    private static string Decode(Func<string?> read, string path, string where)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new InputException($"{path}: {where}: the string holds a lone UTF-16 surrogate escape (e.g. \\ud800 without its pair)");
        }
    }
}
