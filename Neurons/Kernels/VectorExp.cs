using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Neurons.Kernels;

/// <summary>
/// e^x on four float64 lanes, inlined into the caller's loop: the same operations, constants and order as the
/// runtime's <c>Vector256.Exp(Vector256&lt;double&gt;)</c> (a scheme from AMD's AOCL-LibM, BSD-3-Clause), so the
/// same bits (checked in VectorExpTests), without the call per vector and with its constants kept in the caller's
/// registers. The runtime's version is a non-inlined call; in the iaf_cond_exp step it was ~60 % of the kernel.
///
///   n = round(x/ln 2) (by adding 1.5·2^52, whose last bits then hold n), r = x − n·ln 2 with ln 2 in two parts
///   (Cody–Waite: n·Ln2Hi is exact), e^r by a degree-11 polynomial (minimax, near Taylor's 1 + r + r²/2 + …) evaluated
///   by Estrin's scheme, and e^x = 2^n·e^r with 2^n built from n's bits. A vector with a lane of |x| &gt; 708 (or
///   NaN) goes to the runtime's Vector256.Exp itself (which treats such lanes apart; never the case in a neuron step).
/// </summary>
public static class VectorExp
{
    private const double Shifter = 6755399441055744.0;      // 1.5·2^52
    private const double InvLn2 = 1.4426950408889634;       // 1/ln 2
    private const double Ln2Hi = 0.693359375;                // ln 2 = Ln2Hi + Ln2Lo
    private const double Ln2Lo = -0.00021219444005469057;
    private const double Limit = 708.0;                      // |x| ≤ 708: 2^n stays a normal number

    // e^r ≈ 1 + r + Σ_{k=2..11} C_k r^k (C_k ≈ 1/k!).
    private const double C2 = 0.5000000000000018, C3 = 0.1666666666666617, C4 = 0.04166666666649277,
        C5 = 0.008333333333559272, C6 = 0.001388888895122404, C7 = 0.00019841269432677495,
        C8 = 2.4801486521374483E-05, C9 = 2.7557622532543023E-06, C10 = 2.7632293298250954E-07,
        C11 = 2.499430431958571E-08;

    /// <summary>e^x, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        if (!Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(Limit))) return Lanes(x);
        var shifted = Vector256.MultiplyAddEstimate(x, Vector256.Create(InvLn2), Vector256.Create(Shifter));
        var n = shifted.AsUInt64();
        var dn = shifted - Vector256.Create(Shifter);
        var r = Vector256.MultiplyAddEstimate(dn, Vector256.Create(-Ln2Hi), x);
        r = Vector256.MultiplyAddEstimate(dn, Vector256.Create(-Ln2Lo), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var high = Vector256.MultiplyAddEstimate(Fma(C11, r, C10), r2, Fma(C9, r, C8));
        var middle = Vector256.MultiplyAddEstimate(Fma(C7, r, C6), r2, Fma(C5, r, C4));
        var low = Vector256.MultiplyAddEstimate(Fma(C3, r, C2), r2, r + Vector256<double>.One);
        var poly = Vector256.MultiplyAddEstimate(high, r8, Vector256.MultiplyAddEstimate(middle, r4, low));
        return poly * ((n + Vector256.Create(1023UL)) << 52).AsDouble();
    }

    /// <summary>e^x and e^y, the two computations interleaved statement by statement (two independent dependency chains
    /// in flight at once); each is <see cref="Exp(Vector256{double})"/>'s, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> X, Vector256<double> Y) Exp(Vector256<double> x, Vector256<double> y)
    {
        var limit = Vector256.Create(Limit);
        if (!Vector256.LessThanOrEqualAll(Vector256.Abs(x), limit) || !Vector256.LessThanOrEqualAll(Vector256.Abs(y), limit))
            return (Lanes(x), Lanes(y));
        var shifter = Vector256.Create(Shifter);
        var sx = Vector256.MultiplyAddEstimate(x, Vector256.Create(InvLn2), shifter);
        var sy = Vector256.MultiplyAddEstimate(y, Vector256.Create(InvLn2), shifter);
        var dx = sx - shifter;
        var dy = sy - shifter;
        var rx = Vector256.MultiplyAddEstimate(dx, Vector256.Create(-Ln2Hi), x);
        var ry = Vector256.MultiplyAddEstimate(dy, Vector256.Create(-Ln2Hi), y);
        rx = Vector256.MultiplyAddEstimate(dx, Vector256.Create(-Ln2Lo), rx);
        ry = Vector256.MultiplyAddEstimate(dy, Vector256.Create(-Ln2Lo), ry);
        var rx2 = rx * rx;
        var ry2 = ry * ry;
        var rx4 = rx2 * rx2;
        var ry4 = ry2 * ry2;
        var highX = Vector256.MultiplyAddEstimate(Fma(C11, rx, C10), rx2, Fma(C9, rx, C8));
        var highY = Vector256.MultiplyAddEstimate(Fma(C11, ry, C10), ry2, Fma(C9, ry, C8));
        var middleX = Vector256.MultiplyAddEstimate(Fma(C7, rx, C6), rx2, Fma(C5, rx, C4));
        var middleY = Vector256.MultiplyAddEstimate(Fma(C7, ry, C6), ry2, Fma(C5, ry, C4));
        var lowX = Vector256.MultiplyAddEstimate(Fma(C3, rx, C2), rx2, rx + Vector256<double>.One);
        var lowY = Vector256.MultiplyAddEstimate(Fma(C3, ry, C2), ry2, ry + Vector256<double>.One);
        var polyX = Vector256.MultiplyAddEstimate(highX, rx4 * rx4, Vector256.MultiplyAddEstimate(middleX, rx4, lowX));
        var polyY = Vector256.MultiplyAddEstimate(highY, ry4 * ry4, Vector256.MultiplyAddEstimate(middleY, ry4, lowY));
        var bias = Vector256.Create(1023UL);
        return (polyX * ((sx.AsUInt64() + bias) << 52).AsDouble(), polyY * ((sy.AsUInt64() + bias) << 52).AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma(double a, Vector256<double> r, double b) =>
        Vector256.MultiplyAddEstimate(Vector256.Create(a), r, Vector256.Create(b));

    /// <summary>Out of the polynomial's range (or NaN): the runtime's own Vector256.Exp, which patches such lanes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> Lanes(Vector256<double> x) => Vector256.Exp(x);
}
