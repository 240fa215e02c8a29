using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

public class SynapseGeneratorTests
{
    [Fact]
    public void Bernoulli_connects_a_fraction_p_of_pairs_without_autapses()
    {
        var t = SynapseGenerators.Bernoulli(1000, 1000, 0.1, WeightRules.Constant(1), false, new Xoshiro256StarStar(3));
        var expected = 0.1 * 1000 * 999;
        Assert.InRange(t.Count, expected - 4 * Math.Sqrt(expected * 0.9), expected + 4 * Math.Sqrt(expected * 0.9));
        for (var i = 0; i < 1000; i++)
            for (var s = t.RowStart[i]; s < t.RowStart[i + 1]; s++)
            {
                Assert.NotEqual(i, t.Target[s]);
                if (s > t.RowStart[i]) Assert.True(t.Target[s] > t.Target[s - 1]);
            }
    }

    [Fact]
    public void Bernoulli_with_p_one_is_all_to_all()
    {
        var t = SynapseGenerators.Bernoulli(4, 5, 1.0, WeightRules.Constant(2), true, new Xoshiro256StarStar(3));
        Assert.Equal(20, t.Count);
        Assert.All(t.Weight, w => Assert.Equal(2f, w));
    }

    [Fact]
    public void Fixed_indegree_gives_every_target_exactly_k_inputs()
    {
        var t = SynapseGenerators.FixedIndegree(500, 300, 40, WeightRules.Constant(1), true, new Xoshiro256StarStar(9));
        Assert.Equal(300 * 40, t.Count);
        var indegree = new int[300];
        foreach (var target in t.Target) indegree[target]++;
        Assert.All(indegree, d => Assert.Equal(40, d));
    }

    [Fact]
    public void Excitatory_and_inhibitory_rows_follow_the_presynaptic_index()
    {
        var rule = WeightRules.ExcitatoryInhibitory(80, WeightRules.Constant(0.5), WeightRules.Constant(-2));
        var t = SynapseGenerators.Bernoulli(100, 100, 0.3, rule, false, new Xoshiro256StarStar(1));
        for (var i = 0; i < 100; i++)
            for (var s = t.RowStart[i]; s < t.RowStart[i + 1]; s++)
                Assert.Equal(i < 80 ? 0.5f : -2f, t.Weight[s]);
    }

    [Fact]
    public void Same_seed_same_table()
    {
        SynapseTable Make(ulong seed) => SynapseGenerators.Bernoulli(200, 200, 0.2, WeightRules.Normal(0, 1), false, new Xoshiro256StarStar(seed));
        var a = Make(1);
        var b = Make(1);
        Assert.Equal(a.RowStart, b.RowStart);
        Assert.Equal(a.Target, b.Target);
        Assert.Equal(a.Weight, b.Weight);
        Assert.NotEqual(a.Target, Make(2).Target);
    }

    [Fact]
    public void Dense_keeps_the_pre_post_layout()
    {
        var w = new double[,] { { 0, 1.5 }, { -2, 0 }, { 0, 0 } };
        var t = SynapseGenerators.Dense(w);
        Assert.Equal(2, t.Count);
        Assert.Equal(w, t.ToDense());
    }

    [Fact]
    public void A_table_whose_synapses_share_one_weight_keeps_it_once_and_adds_the_same_values()
    {
        var shared = SynapseGenerators.FixedIndegree(300, 200, 20, WeightRules.Constant(0.25), true, new Xoshiro256StarStar(4));
        Assert.Equal(0.25f, shared.UniformWeight);
        Assert.InRange((double)shared.Bytes / shared.Count, 4.0, 4.4);
        var varied = SynapseGenerators.FixedIndegree(300, 200, 20, WeightRules.Uniform(0.1, 0.2), true, new Xoshiro256StarStar(4));
        Assert.Null(varied.UniformWeight);
        Assert.InRange((double)varied.Bytes / varied.Count, 8.0, 8.4);
        // The shared weight adds exactly what the weight of each synapse would add.
        var a = new double[200];
        var b = new double[200];
        for (var pre = 0; pre < 300; pre++)
        {
            shared.AccumulateRow(pre, a, 0.7);
            for (var s = shared.RowStart[pre]; s < shared.RowStart[pre + 1]; s++) b[shared.Target[s]] += 0.25f * 0.7;
        }
        Assert.Equal(b, a);
        Assert.Equal(shared.Count, shared.Weight.Length);
        Assert.All(shared.Weight, w => Assert.Equal(0.25f, w));
    }
}
