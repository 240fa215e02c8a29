using EventSpike.Neurons.Random;
using Xunit;

namespace EventSpike.Neurons.Tests.Random;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void Matches_the_reference_implementation_for_state_1_2_3_4()
    {
        // Outputs of Blackman and Vigna's xoshiro256starstar.c from s = {1, 2, 3, 4}.
        var rng = new Xoshiro256StarStar([1UL, 2UL, 3UL, 4UL]);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void State_round_trips_for_checkpoints()
    {
        var a = new Xoshiro256StarStar(42);
        for (var i = 0; i < 10; i++) a.NextUInt64();
        var b = new Xoshiro256StarStar(a.GetState());
        for (var i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Streams_differ_by_name_and_shard_and_are_stable()
    {
        Assert.NotEqual(StreamSeed.Derive(1, "layer:a"), StreamSeed.Derive(1, "layer:b"));
        Assert.NotEqual(StreamSeed.Derive(1, "layer:a", 0), StreamSeed.Derive(1, "layer:a", 1));
        Assert.NotEqual(StreamSeed.Derive(1, "layer:a"), StreamSeed.Derive(2, "layer:a"));
        Assert.Equal(StreamSeed.Derive(7, "layer:a", 3), StreamSeed.Derive(7, "layer:a", 3));
    }

    [Fact]
    public void Distributions_have_the_right_moments()
    {
        var rng = new Xoshiro256StarStar(5);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            var x = rng.NextGaussian();
            sum += x;
            sumSq += x * x;
        }
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumSq / n, 0.98, 1.02);

        foreach (var lambda in new[] { 0.3, 2.0, 9.5, 25.0, 400.0 })
        {
            double s = 0, s2 = 0;
            for (var i = 0; i < n; i++)
            {
                double k = rng.NextPoisson(lambda);
                s += k;
                s2 += k * k;
            }
            var mean = s / n;
            var variance = s2 / n - mean * mean;
            Assert.InRange(mean, lambda * 0.99 - 0.01, lambda * 1.01 + 0.01);
            Assert.InRange(variance, lambda * 0.97 - 0.01, lambda * 1.03 + 0.01);
        }

        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
