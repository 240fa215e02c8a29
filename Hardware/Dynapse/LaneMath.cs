using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Power and exponential on eight float32 lanes, in float arithmetic throughout (the library's
/// Vector256.Exp/Log for float go through double and cost ~4× more):
///   x = 2^e·m, m ∈ [√½, √2);  ln m = 2·atanh(t), t = (m−1)/(m+1), |t| ≤ 0.172, series to t⁷ (error ≤ 3·10⁻⁸);
///   2^y = 2^n·e^{g}, n = round(y), g = (y − n)·ln 2 ∈ [−0.35, 0.35], Taylor to g⁶ (relative error ≤ 1.2·10⁻⁷), evaluated
///   by Estrin's scheme (four dependent operations, not six: the DPI step is bound by this chain's latency);
///   in Pow, a is folded into log₂'s last FMA and ln 2 into the coefficients (2^f = Σ (f·ln 2)^k/k!, same terms; Scale2);
///   e^x likewise with g = x − n·ln 2 by Cody–Waite reduction.
/// Relative error of the result ≤ 10⁻⁶ (mostly float rounding of y; checked against Math.Pow/Math.Exp in
/// LaneMathTests), against mismatch spreads of 20 % and the tests' 0.1–1.5 % tolerances.
/// </summary>
public static class LaneMath
{
    private const float Log2E = 1.44269504f, Ln2 = 0.693147181f;
    private const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f; // ln 2 = Ln2Hi + Ln2Lo, Ln2Hi with 9 significant bits (n·Ln2Hi exact)

    /// <summary>x^a for positive, normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pow(Vector256<float> x, float a)
    {
        var bits = x.AsInt32() - Vector256.Create(0x3F3504F3); // minus the bits of √½: x = 2^e·m with m ∈ [√½, √2), no compare
        var e = Vector256.ShiftRightArithmetic(bits, 23);
        var m = ((bits & Vector256.Create(0x007FFFFF)) + Vector256.Create(0x3F3504F3)).AsSingle();
        var t = (m - Vector256<float>.One) / (m + Vector256<float>.One);
        var t2 = t * t;
        var series = Fma(t2 * t2, Fma(t2, Vector256.Create(2f / 7), Vector256.Create(2f / 5)), Fma(t2, Vector256.Create(2f / 3), Vector256.Create(2f))); // Estrin
        if (MathF.Abs(a) < 0.98f) // |log₂ x| ≤ 128 for normal x: y ∈ (−125, 126), no clamp needed
        {
            var y = Fma(t * series, Vector256.Create(Log2E * a), Vector256.ConvertToSingle(e) * Vector256.Create(a)); // a·log₂ x, a folded in
            var n = Vector256.Round(y);
            return Scale2(y - n, n);
        }
        return Exp2(Fma(t * series, Vector256.Create(Log2E), Vector256.ConvertToSingle(e)) * Vector256.Create(a));
    }

    /// <summary>e^x = 2^n·e^g, n = round(x·log₂e), g = x − n·ln 2 in two parts (Cody–Waite, so g carries no
    /// rounding of x·log₂e); x is clamped to [−86, 88] (below −86 the result is ≈ 4·10⁻³⁸, not smaller or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-86f)), Vector256.Create(88f));
        var n = Vector256.Round(x * Vector256.Create(Log2E));
        var g = Fma(n, Vector256.Create(-Ln2Hi), x);
        g = Fma(n, Vector256.Create(-Ln2Lo), g);
        return Scale(g, n);
    }

    /// <summary>2^y for y ∈ [−125, 127] (clamped to it).</summary>
    public static Vector256<float> Exp2(Vector256<float> y)
    {
        y = Vector256.MinNative(Vector256.MaxNative(y, Vector256.Create(-125f)), Vector256.Create(127f));
        var n = Vector256.Round(y);
        return Scale((y - n) * Vector256.Create(Ln2), n);
    }

    /// <summary>e^g·2^n for |g| ≤ ln2/2 (Taylor to g⁶) and integral n ∈ [−125, 127].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scale(Vector256<float> g, Vector256<float> n)
    {
        var g2 = g * g; // Estrin: 1 + g + g²·((1/2 + g/6) + g²·(1/24 + g/120 + g²/720)), four dependent operations instead of six
        var hi = Fma(g2, Vector256.Create(1f / 720), Fma(g, Vector256.Create(1f / 120), Vector256.Create(1f / 24)));
        var p = Fma(g2, Fma(g2, hi, Fma(g, Vector256.Create(1f / 6), Vector256.Create(0.5f))), g + Vector256<float>.One);
        return (p.AsInt32() + Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n), 23)).AsSingle();
    }

    /// <summary>2^f·2^n for |f| ≤ ½ and integral n ∈ [−125, 127]: e^g with g = f·ln 2 folded into the coefficients (ln2^k/k!), same Taylor polynomial, one multiply less on the chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scale2(Vector256<float> f, Vector256<float> n)
    {
        var f2 = f * f; // Estrin, as in Scale
        var hi = Fma(f2, Vector256.Create(C6), Fma(f, Vector256.Create(C5), Vector256.Create(C4)));
        var p = Fma(f2, Fma(f2, hi, Fma(f, Vector256.Create(C3), Vector256.Create(C2))), Fma(f, Vector256.Create(Ln2), Vector256<float>.One));
        return (p.AsInt32() + Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n), 23)).AsSingle();
    }

    private const float C2 = 0.240226507f, C3 = 0.0555041087f, C4 = 0.00961812911f, C5 = 0.00133335581f, C6 = 0.000154035304f; // ln2^k/k!

    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
}
