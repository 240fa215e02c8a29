using EventSpike.Neurons.Random;
using EventSpike.Neurons.Training.Gradient;
using Xunit;

namespace EventSpike.Neurons.Tests.Training;

/// <summary>Central finite differences against a layer's backward pass, for L = Σ c ⊙ output with random c.</summary>
internal static class GradientCheck
{
    public static Sequence Gaussian(int b, int t, int n, ulong seed, double scale = 1, double offset = 0)
    {
        var rng = StreamSeed.Generator(seed, "gradient-check", 0);
        var s = new Sequence(b, t, n);
        for (var i = 0; i < s.Data.Length; i++) s.Data[i] = offset + scale * rng.NextGaussian();
        return s;
    }

    private static double Dot(Sequence a, Sequence c) => a.Data.Select((v, i) => v * c.Data[i]).Sum();

    /// <summary>Checks ∂L/∂x and every parameter's gradient of <paramref name="layer"/> at <paramref name="x"/>.</summary>
    public static void Layer(ISequenceLayer layer, Sequence x, bool training = true, double h = 1e-6, double tolerance = 1e-5)
    {
        var y = layer.Forward(x, training);
        var c = Gaussian(y.B, y.T, y.N, 99);
        foreach (var p in layer.Parameters) p.ZeroGrad();
        var gx = layer.Backward(c);
        double L(Sequence input) => Dot(layer.Forward(input, training), c);
        for (var i = 0; i < x.Data.Length; i++)
        {
            var keep = x.Data[i];
            x.Data[i] = keep + h;
            var up = L(x);
            x.Data[i] = keep - h;
            var down = L(x);
            x.Data[i] = keep;
            Close((up - down) / (2 * h), gx.Data[i], tolerance, $"{layer.Name} ∂L/∂x[{i}]");
        }
        foreach (var p in layer.Parameters)
        {
            var analytic = (double[])p.Grad.Clone();
            for (var i = 0; i < p.Value.Length; i++)
            {
                var keep = p.Value[i];
                p.Value[i] = keep + h;
                var up = L(x);
                p.Value[i] = keep - h;
                var down = L(x);
                p.Value[i] = keep;
                Close((up - down) / (2 * h), analytic[i], tolerance, $"{layer.Name} ∂L/∂{p.Name}[{i}]");
            }
        }
    }

    public static void Close(double expected, double actual, double tolerance, string what)
    {
        if (Math.Abs(expected - actual) > tolerance * Math.Max(1, Math.Abs(expected)))
            Assert.Fail($"{what}: finite differences {expected:R}, backward {actual:R}");
    }
}
