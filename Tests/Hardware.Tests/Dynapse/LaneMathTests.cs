using System.Runtime.Intrinsics;
using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>The float32 lane power and exponential against Math.Pow / Math.Exp in double.</summary>
public class LaneMathTests
{
    [Fact]
    public void Pow_is_within_one_part_per_million_of_Math_Pow_over_the_DPI_current_range()
    {
        const float a = (float)(DpiLayout.Kappa / (DpiLayout.Kappa + 1));
        var worst = 0.0;
        for (var x = 0.5; x < 2e5; x *= 1.0007) // I₀ = 0.5 pA up to 200 nA, in pA; every mantissa region many times
        {
            var v = LaneMath.Pow(Vector256.Create((float)x), a)[3];
            var exact = Math.Pow((float)x, a);
            worst = Math.Max(worst, Math.Abs(v / exact - 1));
        }
        Assert.InRange(worst, 0, 1e-6);
    }

    [Fact]
    public void Exp_is_within_one_part_per_million_of_Math_Exp_and_tiny_far_below()
    {
        var worst = 0.0;
        for (var x = -80.0; x <= 80; x += 0.0137)
        {
            var v = LaneMath.Exp(Vector256.Create((float)x))[5];
            worst = Math.Max(worst, Math.Abs(v / Math.Exp((float)x) - 1));
        }
        Assert.InRange(worst, 0, 1e-6);
        Assert.InRange(LaneMath.Exp(Vector256.Create(-500f))[0], 0, 1e-37); // (V − v_thresh)/Δ_T far below: negligible, not NaN
        Assert.Equal(1f, LaneMath.Exp(Vector256<float>.Zero)[0]);
    }
}
