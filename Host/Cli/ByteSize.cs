using System.Globalization;

namespace EventSpike.Host.Cli;

/// <summary>Sizes given on the command line: a whole or decimal number of bytes with an optional K, M, G or T (powers of 1024), e.g. <c>4G</c>.</summary>
public static class ByteSize
{
    /// <summary>The bytes <paramref name="text"/> stands for; bad or non-positive sizes are <see cref="InputException"/> naming <paramref name="option"/>.</summary>
    public static long Parse(string text, string option)
    {
        var t = text.Trim().ToUpperInvariant();
        if (t.EndsWith('B')) t = t[..^1];
        var scale = t.Length == 0 ? 1 : t[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
        if (scale > 1) t = t[..^1];
        if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !(value * scale >= 1) || value * scale > long.MaxValue / 2)
            throw new InputException($"{option}: expected a size such as 512M or 4G, got '{text}'");
        return (long)(value * scale);
    }
}
