using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Models;

/// <summary>
/// Builds <see cref="JsonElement"/>s by writing them with a <see cref="Utf8JsonWriter"/>, never through
/// reflection-based serialization: the library then works in a file-based app, a trimmed or an AOT
/// publish, where <c>JsonSerializer.IsReflectionEnabledByDefault</c> is false.
/// </summary>
public static class JsonElements
{
    /// <summary>The JSON <c>null</c> (Rockpool's None).</summary>
    public static JsonElement Null { get; } = Write(w => w.WriteNullValue());

    /// <summary>A node as an element (null: JSON null).</summary>
    public static JsonElement Of(JsonNode? node) => node is null ? Null : Write(w => node.WriteTo(w));

    /// <summary>
    /// A plain value as an element: numbers, booleans, strings, <see cref="JsonElement"/>, <see cref="JsonNode"/>,
    /// dictionaries with string keys and lists of these (e.g. <c>double[]</c>, <c>double[][]</c>), or null.
    /// </summary>
    public static JsonElement Of(object? value) => Write(w => WriteValue(w, value));

    /// <summary>A list of elements.</summary>
    public static JsonElement Array(IEnumerable<JsonElement> items) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var item in items) item.WriteTo(w);
        w.WriteEndArray();
    });

    /// <summary>An object of the given fields, in order.</summary>
    public static JsonElement Object(IEnumerable<KeyValuePair<string, JsonElement>> fields) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
        w.WriteEndObject();
    });

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case JsonElement e: e.WriteTo(w); break;
            case JsonNode n: n.WriteTo(w); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case double d: w.WriteNumberValue(d); break;
            case float f: w.WriteNumberValue(f); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case ulong u: w.WriteNumberValue(u); break;
            case decimal m: w.WriteNumberValue(m); break;
            case double[,] matrix:
                w.WriteStartArray();
                for (var r = 0; r < matrix.GetLength(0); r++)
                {
                    w.WriteStartArray();
                    for (var c = 0; c < matrix.GetLength(1); c++) w.WriteNumberValue(matrix[r, c]);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            case IDictionary dict:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in dict)
                {
                    w.WritePropertyName(entry.Key as string ?? throw new ArgumentException($"JSON object keys must be strings, got {entry.Key}"));
                    WriteValue(w, entry.Value);
                }
                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) WriteValue(w, item);
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as JSON: give a number, boolean, string, list or dictionary");
        }
    }

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
