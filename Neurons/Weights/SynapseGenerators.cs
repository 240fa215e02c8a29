using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;

namespace EventSpike.Neurons.Weights;

/// <summary>
/// Seeded connectivity generators. Each draws from the one generator it is given, in a fixed
/// order, so the same seed always gives the same table.
/// </summary>
public static class SynapseGenerators
{
    /// <summary>Every non-zero entry of a dense [pre, post] matrix (Rockpool's layout) becomes a synapse.</summary>
    public static SynapseTable Dense(double[,] weights)
    {
        var pre = weights.GetLength(0);
        var post = weights.GetLength(1);
        var b = new SynapseTableBuilder(pre, post);
        for (var i = 0; i < pre; i++)
            for (var j = 0; j < post; j++)
                if (weights[i, j] != 0) b.Add(i, j, (float)weights[i, j]);
        return b.Build();
    }

    /// <summary>Neuron i to neuron i.</summary>
    public static SynapseTable OneToOne(int size, WeightRule weight, Xoshiro256StarStar rng)
    {
        var b = new SynapseTableBuilder(size, size, size);
        for (var i = 0; i < size; i++) b.Add(i, i, weight(i, rng));
        return b.Build();
    }

    /// <summary>
    /// Each (pre, post) pair is connected independently with probability <paramref name="p"/>
    /// (Brian2's <c>connect(p=...)</c>). Pairs are visited row by row; the gaps between
    /// connected pairs are drawn from the geometric distribution, so the cost is proportional to
    /// the number of synapses, not of pairs.
    /// </summary>
    public static SynapseTable Bernoulli(int preSize, int postSize, double p, WeightRule weight, bool autapses, Xoshiro256StarStar rng)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), "p must lie in [0, 1]");
        var b = new SynapseTableBuilder(preSize, postSize, (int)Math.Min(int.MaxValue, p * preSize * postSize * 1.05 + 16));
        if (p == 0) return b.Build();
        var logQ = Math.Log(1 - p);
        var total = (long)preSize * postSize;
        var k = -1L;
        while (true)
        {
            if (p >= 1) k++;
            else
            {
                var u = rng.NextDouble();
                k += 1 + (long)Math.Floor(Math.Log(1 - u) / logQ);
            }
            if (k >= total) break;
            var pre = (int)(k / postSize);
            var post = (int)(k % postSize);
            if (!autapses && pre == post) continue;
            b.Add(pre, post, weight(pre, rng));
        }
        return b.Build();
    }

    /// <summary>
    /// Every postsynaptic neuron draws exactly <paramref name="indegree"/> presynaptic partners
    /// uniformly, with repetition allowed (NEST's <c>fixed_indegree</c> with multapses).
    /// Targets in each row come out in ascending postsynaptic order.
    /// </summary>
    public static SynapseTable FixedIndegree(int preSize, int postSize, int indegree, WeightRule weight, bool autapses, Xoshiro256StarStar rng)
    {
        if (indegree < 0) throw new ArgumentOutOfRangeException(nameof(indegree));
        if (!autapses && preSize == postSize && preSize <= 1 && indegree > 0)
            throw new ArgumentException("no partner to draw without autapses");
        var n = (long)postSize * indegree;
        if (n > int.MaxValue) throw new ArgumentException("too many synapses for one table");
        var preOf = new int[n];
        var w = new float[n];
        var counts = new int[preSize + 1];
        var s = 0;
        for (var post = 0; post < postSize; post++)
            for (var c = 0; c < indegree; c++, s++)
            {
                int pre;
                do pre = rng.NextInt(preSize); while (!autapses && pre == post && preSize == postSize);
                preOf[s] = pre;
                w[s] = weight(pre, rng);
                counts[pre + 1]++;
            }
        for (var i = 0; i < preSize; i++) counts[i + 1] += counts[i];
        var rowStart = (int[])counts.Clone();
        var target = new int[n];
        var weights = new float[n];
        s = 0;
        for (var post = 0; post < postSize; post++)
            for (var c = 0; c < indegree; c++, s++)
            {
                var slot = counts[preOf[s]]++;
                target[slot] = post;
                weights[slot] = w[s];
            }
        return new SynapseTable(preSize, postSize, rowStart, target, weights);
    }
}
