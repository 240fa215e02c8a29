using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

public class SynapseTableColumnsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_target_range_keeps_exactly_its_synapses_renumbered_in_row_order(bool shared)
    {
        var rng = StreamSeed.Generator(3, "columns");
        var weight = shared ? WeightRules.Constant(0.25) : WeightRules.Normal(0, 1);
        var table = SynapseGenerators.Bernoulli(300, 500, 0.05, weight, true, rng);
        foreach (var (from, to) in new[] { (0, 500), (0, 128), (128, 384), (384, 500), (200, 200) })
        {
            var part = table.Columns(from, to);
            Assert.Equal(table.PreSize, part.PreSize);
            Assert.Equal(to - from, part.PostSize);
            Assert.Equal(shared && part.Count > 0, part.UniformWeight is not null);
            for (var i = 0; i < table.PreSize; i++)
            {
                var expected = Enumerable.Range(table.RowStart[i], table.RowStart[i + 1] - table.RowStart[i])
                    .Where(s => table.Target[s] >= from && table.Target[s] < to).Select(s => (table.Target[s] - from, table.WeightAt(s)));
                var actual = Enumerable.Range(part.RowStart[i], part.RowStart[i + 1] - part.RowStart[i]).Select(s => (part.Target[s], part.WeightAt(s)));
                Assert.Equal(expected, actual);
            }
        }
    }
}
