using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

/// <summary>The per-core discretisation error against a case computed by hand.</summary>
public class QuantisationReportTests
{
    [Fact]
    public void The_error_per_core_is_the_hand_computed_one()
    {
        // k = 2: u_E = 0.9/2 = 0.45, u_I = 0.5/2 = 0.25. Column 0 (neuron 1, core 0): 0.9 → 2·0.45 exact, 0.35 → 1·0.45 (error 0.1),
        // 0.2 → round(0.444) = 0 (error 0.2, relative 1). Column 1 (neuron 257, core 1): −0.5 → −2·0.25 exact, −0.3 → −1·0.25 (error 0.05).
        double[,] w = { { 0.9, -0.5 }, { 0.35, -0.3 }, { 0.2, 0 } };
        var report = QuantisationReport.PerCore("weights_rec", w, 2, [1, 257]);
        Assert.Equal(2, report.Count);
        var core0 = report[0];
        Assert.Equal(("weights_rec", 0, 3), (core0.Matrix, core0.Core, core0.Entries));
        Assert.Equal(Math.Sqrt((0.1 * 0.1 + 0.2 * 0.2) / (0.81 + 0.1225 + 0.04)), core0.RmsRelative, 12);
        Assert.Equal(0.2, core0.MaxAbs, 12);
        Assert.Equal(1.0, core0.MaxRelative, 12);
        var core1 = report[1];
        Assert.Equal((1, 2), (core1.Core, core1.Entries));
        Assert.Equal(Math.Sqrt(0.05 * 0.05 / (0.25 + 0.09)), core1.RmsRelative, 12);
        Assert.Equal(0.05, core1.MaxAbs, 12);
        Assert.Equal(0.05 / 0.3, core1.MaxRelative, 12);
    }

    [Fact]
    public void Weights_on_the_levels_exactly_have_no_error_and_columns_on_one_core_pool()
    {
        double[,] w = { { 0.3, 0.6 }, { -0.4, 0.9 } }; // k = 3: u_E = 0.3, u_I = 0.4/3; every weight a whole number of units
        var report = QuantisationReport.PerCore("weights_in", w, 3, [5, 6]);
        var only = Assert.Single(report);
        Assert.Equal((0, 4), (only.Core, only.Entries));
        Assert.InRange(only.RmsRelative, 0, 1e-15);
        Assert.InRange(only.MaxAbs, 0, 1e-15);
    }
}
