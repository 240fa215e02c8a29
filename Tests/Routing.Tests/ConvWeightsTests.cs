using System.Text.Json;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Routing.Tests;

/// <summary>
/// Convolution connections (<c>conv1d</c>, <c>conv2d</c>, pools, chains): the kernel adds, spike after spike, the same
/// numbers as the synapse table it expands to, whatever the geometry and however many threads split it.
/// </summary>
public class ConvWeightsTests
{
    private static double[] Kernel(int n, int seed)
    {
        var r = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => Math.Round(r.NextDouble() * 2 - 1, 6) * (r.Next(5) == 0 ? 0 : 1)).ToArray();
    }

    private static string Nest(double[] w, int[] shape) => shape.Length == 1
        ? "[" + string.Join(",", w.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]"
        : "[" + string.Join(",", Enumerable.Range(0, shape[0]).Select(i => Nest(w.Skip(i * w.Length / shape[0]).Take(w.Length / shape[0]).ToArray(), shape[1..]))) + "]";

    public static TheoryData<string, int, int> Specs() => new()
    {
        // conv2d, stride 1: the vector path; padding and groups
        { """{"conv2d": {"kernel": """ + Nest(Kernel(4 * 1 * 3 * 3, 1), [4, 1, 3, 3]) + """, "in_shape": [2, 6, 7], "padding": 1, "groups": 2}}""", 2 * 6 * 7, 4 * 6 * 7 },
        // conv2d, stride 2 and dilation 2: the scalar path
        { """{"conv2d": {"kernel": """ + Nest(Kernel(3 * 2 * 3 * 2, 2), [3, 2, 3, 2]) + """, "in_shape": [2, 9, 8], "stride": [2, 1], "padding": [1, 2], "dilation": [1, 2]}}""", 2 * 9 * 8, 3 * 5 * 10 },
        { """{"conv1d": {"kernel": """ + Nest(Kernel(2 * 3 * 4, 3), [2, 3, 4]) + """, "in_shape": [3, 10], "stride": 3, "padding": 2}}""", 30, 2 * 4 },
        { """{"avgpool2d": {"in_shape": [2, 6, 6], "kernel_size": 2}}""", 72, 18 },
        // a pooling of stride ≥ kernel before a convolution: each input reaches the convolution once
        { """{"chain": [{"sumpool2d": {"in_shape": [2, 8, 8], "kernel_size": [2, 2]}}, {"conv2d": {"kernel": """ + Nest(Kernel(3 * 2 * 3 * 3, 4), [3, 2, 3, 3]) + """, "in_shape": [2, 4, 4], "padding": 1}}]}""", 128, 48 },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Spikes_and_samples_through_the_kernel_add_what_the_table_adds(string json, int pre, int post)
    {
        using var doc = JsonDocument.Parse(json);
        var table = WeightSpec.Build(doc.RootElement, pre, post, false, new Xoshiro256StarStar(1), "connections[0].weights");
        Assert.NotNull(table.Kernel); // a convolution's table keeps its kernel
        var rng = new System.Random(7);
        foreach (var workers in new[] { 1, 3 })
        {
            using var pool = new KernelPool(workers);
            var kernel = new ConvKernel(table.Kernel.Stages) { ParallelWork = workers == 1 ? 1 << 16 : 0 }; // 3 workers: always split
            for (var trial = 0; trial < 20; trial++)
            {
                var spikes = Enumerable.Range(0, pre).Where(_ => rng.Next(3) == 0).ToArray();
                var start = Enumerable.Range(0, post).Select(_ => rng.NextDouble()).ToArray();
                var (viaTable, viaKernel) = ((double[])start.Clone(), (double[])start.Clone());
                foreach (var s in spikes) table.AccumulateRow(s, viaTable);
                kernel.AddSpikes(spikes, 0, viaKernel, pool);
                Assert.Equal(viaTable, viaKernel);
                var values = Enumerable.Range(0, pre).Select(_ => rng.Next(2) == 0 ? 0 : rng.NextDouble() * 3).ToArray();
                for (var c = 0; c < pre; c++)
                    if (values[c] != 0) table.AccumulateRow(c, viaTable, values[c]);
                kernel.AddValues(values, viaKernel, pool);
                Assert.Equal(viaTable, viaKernel);
            }
        }
    }

    [Fact]
    public void The_conv2d_table_holds_the_cross_correlation_written_out()
    {
        // one input channel 3×3, kernel 2×2 [[1, 2], [3, 4]], stride 1, no padding: y[0,0] = x00 + 2·x01 + 3·x10 + 4·x11
        using var doc = JsonDocument.Parse("""{"conv2d": {"kernel": [[[[1, 2], [3, 4]]]], "in_shape": [1, 3, 3]}}""");
        var dense = WeightSpec.Build(doc.RootElement, 9, 4, false, new Xoshiro256StarStar(1), "w").ToDense();
        Assert.Equal(1, dense[0, 0]);
        Assert.Equal(2, dense[1, 0]);
        Assert.Equal(3, dense[3, 0]);
        Assert.Equal(4, dense[4, 0]);
        Assert.Equal(1, dense[1, 1]); // x01 reaches y[0,1] through w00
        Assert.Equal(4, dense[8, 3]); // x22 reaches y[1,1] through w11
        Assert.Equal(0, dense[2, 0]);
        Assert.Equal(4, Enumerable.Range(0, 9).Count(i => dense[i, 3] != 0)); // y[1,1] sums four inputs
    }

    [Theory]
    [InlineData("""{"conv2d": {"in_shape": [1, 3, 3]}}""", 9, 4, "connections[0].weights.conv2d: needs 'kernel'")]
    [InlineData("""{"conv2d": {"kernel": [[[[1, 2], [3]]]], "in_shape": [1, 3, 3]}}""", 9, 4, "kernel[0][0][1]: must be a list of 2")]
    [InlineData("""{"conv2d": {"kernel": [[[[1]]]], "in_shape": [1, 3, 3]}}""", 9, 4, "the connection joins 9 → 4 neurons")]
    [InlineData("""{"sumpool2d": {"in_shape": [1, 4, 4], "kernel_size": 2, "size": 3}}""", 16, 4, "unknown field 'size'")]
    [InlineData("""{"chain": [{"sumpool2d": {"in_shape": [1, 4, 4], "kernel_size": 2}}, {"avgpool2d": {"in_shape": [1, 4, 4], "kernel_size": 2}}]}""", 16, 4, "chain[1]: in_shape [1, 4, 4] is not the previous stage's output [1, 2, 2]")]
    [InlineData("""{"conv2d": {"kernel": [[[[1]]]], "in_shape": [2, 3, 3], "groups": 2}}""", 18, 9, "with 2 group(s) does not take 2 input channels")]
    public void Bad_convolution_weights_are_refused_naming_the_field(string json, int pre, int post, string fragment)
    {
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<NetworkSpecException>(() => WeightSpec.Plan(doc.RootElement, pre, post, false, "connections[0].weights"));
        Assert.Contains(fragment, e.Message);
    }
}
