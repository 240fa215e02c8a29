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

    /// <summary>
    /// Exactly <paramref name="total"/> synapses, each joining a presynaptic and a postsynaptic neuron drawn
    /// uniformly and independently (NEST's <c>fixed_total_number</c> with multapses; the pre is drawn again
    /// when it equals the post and autapses are not allowed). The pairs are drawn first, in order; the table
    /// holds them by presynaptic row, each row in ascending target order (pairs with the same target in the
    /// order drawn); weights are then drawn in table order.
    /// </summary>
    public static SynapseTable FixedTotalNumber(int preSize, int postSize, int total, WeightRule weight, bool autapses, Xoshiro256StarStar rng)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total));
        if (total > 0 && (preSize < 1 || postSize < 1)) throw new ArgumentException("no neuron to connect");
        var sameLayer = !autapses && preSize == postSize;
        if (sameLayer && preSize <= 1 && total > 0) throw new ArgumentException("no partner to draw without autapses");
        var preOf = new int[total];
        var postOf = new int[total];
        for (var k = 0; k < total; k++)
        {
            int pre, post;
            do
            {
                pre = rng.NextInt(preSize);
                post = rng.NextInt(postSize);
            } while (sameLayer && pre == post);
            preOf[k] = pre;
            postOf[k] = post;
        }
        // Stable counting sorts: by target, then by source, so rows come out sorted by target.
        var byPost = CountingOrder(postOf, postSize, null);
        var order = CountingOrder(preOf, preSize, byPost);
        var rowStart = new int[preSize + 1];
        foreach (var pre in preOf) rowStart[pre + 1]++;
        for (var i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
        var target = new int[total];
        for (var s = 0; s < total; s++) target[s] = postOf[order[s]];
        postOf = null!;
        var weights = new float[total];
        var row = 0;
        for (var s = 0; s < total; s++)
        {
            while (rowStart[row + 1] <= s) row++;
            weights[s] = weight(row, rng);
        }
        return new SynapseTable(preSize, postSize, rowStart, target, weights);
    }

    /// <summary>The indices of <paramref name="keys"/> (each in 0..<paramref name="range"/>) in ascending key order, ties in the order of <paramref name="within"/> (or index order).</summary>
    private static int[] CountingOrder(int[] keys, int range, int[]? within)
    {
        var start = new int[range + 1];
        foreach (var k in keys) start[k + 1]++;
        for (var i = 0; i < range; i++) start[i + 1] += start[i];
        var order = new int[keys.Length];
        for (var n = 0; n < keys.Length; n++)
        {
            var index = within is null ? n : within[n];
            order[start[keys[index]]++] = index;
        }
        return order;
    }
}
