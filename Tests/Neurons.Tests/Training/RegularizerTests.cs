using EventSpike.Neurons.Random;
using EventSpike.Neurons.Training.Gradient;
using Xunit;
using static EventSpike.Neurons.Tests.Training.GradientCheck;

namespace EventSpike.Neurons.Tests.Training;

public class RegularizerTests
{
    /// <summary>x ~ U(−1, 10), shape (3, 4, 5), as KerasSpiking's test.</summary>
    private static Sequence X()
    {
        var rng = StreamSeed.Generator(1, "regularizer-test", 0);
        var s = new Sequence(3, 4, 5);
        for (var i = 0; i < s.Data.Length; i++) s.Data[i] = rng.NextUniform(-1, 10);
        return s;
    }

    [Fact]
    public void L1_L2_and_L1L2_with_a_target_value_or_range_are_sums_of_the_error()
    {
        var x = X();
        Assert.Equal(0.1 * x.Data.Sum(v => Math.Abs(v - 5)), RangedRegularizer.L1Penalty(0.1, target: 5).Penalty(x), 1e-9);
        Assert.Equal(0.2 * x.Data.Sum(v => (v - 5) * (v - 5)), RangedRegularizer.L2Penalty(0.2, target: 5).Penalty(x), 1e-9);
        double RangeError(double v) => Math.Max(0, 3 - v) + Math.Max(0, v - 4);
        Assert.Equal(x.Data.Sum(v => 0.1 * RangeError(v) + 0.3 * RangeError(v) * RangeError(v)),
            RangedRegularizer.L1L2Penalty(0.1, 0.3, range: (3, 4)).Penalty(x), 1e-9);
        Assert.Equal(0.01 * x.Data.Sum(v => v * v), new RangedRegularizer().Penalty(x), 1e-9);   // default L1L2(l2 = 0.01), target 0
    }

    [Fact]
    public void Percentile_reduces_over_the_batch_by_max_or_numpys_linear_percentile()
    {
        var x = X();
        // p = 100: the max over axis 0, then L1 with target 4.
        double expected = 0;
        for (var t = 0; t < 4; t++)
            for (var n = 0; n < 5; n++) expected += 0.3 * Math.Abs(Enumerable.Range(0, 3).Max(b => x[b, t, n]) - 4);
        Assert.Equal(expected, new PercentileRegularizer(l1: 0.3, target: 4).Penalty(x), 1e-9);
        // p = 95 over axes (0, 1): per unit, sort 12 values, position 0.95·11 = 10.45.
        var reg = new PercentileRegularizer(95, [0, 1], l2: 0.01, range: (3, 4));
        var reduced = reg.Reduced(x);
        for (var n = 0; n < 5; n++)
        {
            var values = Enumerable.Range(0, 3).SelectMany(b => Enumerable.Range(0, 4).Select(t => x[b, t, n])).Order().ToArray();
            Assert.Equal(values[10] + 0.45 * (values[11] - values[10]), reduced[n], 1e-12);
        }
        Assert.Equal(reduced.Sum(v => 0.01 * Math.Pow(Math.Max(0, 3 - v) + Math.Max(0, v - 4), 2)), reg.Penalty(x), 1e-12);
    }

    [Fact]
    public void Validation_messages_and_the_zero_weight_warning_are_the_librarys()
    {
        Assert.Equal("`minimum` cannot exceed `maximum`", Assert.Throws<ArgumentException>(() => new RangedRegularizer(range: (4, 3))).Message);
        Assert.Equal("`percentile` must be in the range [0, 100]", Assert.Throws<ArgumentException>(() => new PercentileRegularizer(101)).Message);
        Assert.Equal("Target ranges should be specified as a tuple with two elements `(min, max)` (got 3 elements)",
            Assert.Throws<ArgumentException>(() => RangedRegularizer.Range([1, 2, 3])).Message);
        Assert.Equal("Regularization weight is zero, it will have no effect", new PercentileRegularizer().Warning);
        Assert.Null(RangedRegularizer.L1Penalty(0.1).Warning);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(60)]
    public void Regularizer_gradients_match_finite_differences(double percentile)
    {
        var x = X();
        foreach (IRegularizer reg in new IRegularizer[]
                 {
                     RangedRegularizer.L1L2Penalty(0.1, 0.3, range: (3, 4)),
                     RangedRegularizer.L2Penalty(0.2, target: 5),
                     new PercentileRegularizer(percentile, [0, 1], l1: 0.2, l2: 0.1, range: (2, 6)),
                 })
        {
            var g = x.Zeros();
            reg.AddGradient(x, g, 1);
            for (var i = 0; i < x.Data.Length; i++)
            {
                var keep = x.Data[i];
                x.Data[i] = keep + 1e-6;
                var up = reg.Penalty(x);
                x.Data[i] = keep - 1e-6;
                var down = reg.Penalty(x);
                x.Data[i] = keep;
                Close((up - down) / 2e-6, g.Data[i], 1e-5, $"{reg.GetType().Name} element {i}");
            }
        }
    }
}
