using System.Globalization;

namespace EventSpike.Neurons.Energy;

/// <summary>Python's number formats that ModelEnergy's summary uses, which .NET's do not match (.NET "G2" writes 1E-05).</summary>
public static class PythonFormat
{
    /// <summary>Python <c>{:.2g}</c>: two significant digits, fixed notation when −4 ≤ exponent &lt; 2, else m.me±XX; trailing zeros stripped.</summary>
    public static string G2(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return "0";
        var e = x.ToString("0.0e+0", CultureInfo.InvariantCulture);   // rounded to 2 significant digits
        var cut = e.IndexOf('e');
        var exponent = int.Parse(e[(cut + 1)..], CultureInfo.InvariantCulture);
        if (exponent >= -4 && exponent < 2)
            return Strip(x.ToString("F" + Math.Max(0, 1 - exponent), CultureInfo.InvariantCulture));
        var mantissa = Strip(e[..cut]);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>Python <c>{:0.2e}</c>: 8.64e-04.</summary>
    public static string E2(double x) =>
        double.IsNaN(x) ? "nan" : x.ToString("0.00e+00", CultureInfo.InvariantCulture);

    private static string Strip(string s) => s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;
}
