using System.Collections;
using System.Globalization;

namespace EventSpike.Host.Cli;

/// <summary>Prints nested dictionaries and lists as indented "key: value" lines, as a person reads them.</summary>
internal static class Readable
{
    public static void Write(TextWriter w, IDictionary<string, object?> values, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var (key, value) in values)
            switch (value)
            {
                case IDictionary<string, object?> nested when nested.Count > 0:
                    w.WriteLine($"{pad}{key}:");
                    Write(w, nested, indent + 2);
                    break;
                case IList list when value is not string && list.Count > 0 && list[0] is IDictionary<string, object?>:
                    w.WriteLine($"{pad}{key}:");
                    foreach (IDictionary<string, object?> item in list)
                    {
                        var first = item.First();
                        w.WriteLine($"{pad}  - {first.Key}: {Scalar(first.Value)}");
                        Write(w, item.Skip(1).ToDictionary(p => p.Key, p => p.Value), indent + 4);
                    }
                    break;
                default:
                    w.WriteLine($"{pad}{key}: {Scalar(value)}");
                    break;
            }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "yes" : "no",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Scalar)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
