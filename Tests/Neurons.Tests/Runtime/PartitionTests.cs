using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

public class PartitionTests
{
    /// <summary>A Brunel-like layer (delta synapses, Poisson drive, E/I recurrence) split over <paramref name="workers"/> partitions.</summary>
    private static (int[] Ptr, int[] Neurons, double[] V, int Parts) Run(int workers, Func<int, ILayerModel> model)
    {
        const int n = 8 * 1024;
        var rng = new Xoshiro256StarStar(21);
        var rule = WeightRules.ExcitatoryInhibitory(6554, WeightRules.Constant(0.0001), WeightRules.Constant(-0.0005));
        var table = SynapseGenerators.FixedIndegree(n, n, 100, rule, true, rng);
        var layer = model(n);
        var engine = new LayerEngine(layer, [new Projection(table, 15, 0, true)], 100, 0, new KernelPool(workers));
        var output = new SpikeWindowBuilder();
        engine.Evolve(1500, output);
        return (output.ToStepPointers(), output.ToNeurons(), layer.GetState("v_mem"), engine.Partitions.Count);
    }

    private static ILayerModel Delta(int n) => new IafPscDelta(n, 1e-4, LayerParameters.From(
        ("v_thresh", 0.02), ("v_reset", 0.01), ("drive_rate", 21000.0), ("drive_weight", 0.0001), ("v_init", new[] { 0.0, 0.02 })),
        b => StreamSeed.Generator(4, "layer:brunel", b));

    private static ILayerModel Cuba(int n) => new IafPscExp(n, 1e-4, LayerParameters.From(
        ("bias", 0.012), ("v_init", new[] { -0.06, -0.05 })), b => StreamSeed.Generator(4, "layer:cuba", b));

    private static ILayerModel Coba(int n) => new IafCondExp(n, 1e-4, LayerParameters.From(
        ("bias", 0.012), ("v_init_mean", -0.055), ("v_init_std", 0.004), ("g_exc_init_mean", 0.5), ("g_exc_init_std", 0.2)),
        b => StreamSeed.Generator(4, "layer:coba", b));

    private static ILayerModel Lif(int n) => new LifExpSyn(n, 1e-4, LayerParameters.From(
        ("bias", 0.012), ("v_init", new[] { -0.065, -0.055 }), ("refractory", 0.002)), b => StreamSeed.Generator(4, "layer:lif", b));

    [Fact]
    public void A_split_layer_gives_the_same_bits_as_an_unsplit_one()
    {
        foreach (var model in new Func<int, ILayerModel>[] { Delta, Cuba, Coba, Lif })
        {
            var one = Run(1, model);
            Assert.Equal(1, one.Parts);
            Assert.True(one.Neurons.Length > 1000, $"only {one.Neurons.Length} spikes");
            foreach (var workers in new[] { 2, 7 })
            {
                var split = Run(workers, model);
                Assert.Equal(workers, split.Parts);
                Assert.Equal(one.Ptr, split.Ptr);
                Assert.Equal(one.Neurons, split.Neurons);
                Assert.Equal(one.V, split.V);
            }
        }
    }

    [Fact]
    public void Partitions_fall_on_block_boundaries_and_cover_the_layer()
    {
        var engine = new LayerEngine(Delta(5000), [], 10, 0, new KernelPool(3));
        Assert.Equal([(0, 1024), (1024, 3072), (3072, 5000)], engine.Partitions);
    }

    [Fact]
    public void A_layer_is_not_split_where_the_split_would_save_less_than_a_quarter()
    {
        // 1,065 = 1,024 + 41 (PD14's L5I at full scale): the second part would take 4 %, yet every step would pay the hand-off.
        Assert.Equal([(0, 1065)], new LayerEngine(Delta(1065), [], 10, 0, new KernelPool(2)).Partitions);
        // 2,948 = 1,024 + 1,924 (L6I): the larger part is 65 % of the layer; split.
        Assert.Equal([(0, 1024), (1024, 2948)], new LayerEngine(Delta(2948), [], 10, 0, new KernelPool(2)).Partitions);
    }

    [Fact]
    public void A_layer_whose_input_port_is_wider_than_the_layer_splits_without_races()
    {
        // 4 samples of 30 inputs → 4 × 8 units: every partition reads the whole input row.
        const int batch = 4, inputs = 30, units = 8;
        var rng = new Xoshiro256StarStar(2);
        var w = new Kernels.DenseMatrix(inputs, units, Enumerable.Range(0, inputs * units).Select(_ => rng.NextUniform(-0.5, 1.0)).ToArray());
        var identity = SynapseGenerators.OneToOne(batch * inputs, WeightRules.Constant(1), rng);
        (int[], double[]) Run(int workers)
        {
            var model = new BatchedSpikingDense(w, batch, 1e-3, PortKind.Current, b => StreamSeed.Generator(3, "dense", b));
            var engine = new LayerEngine(model, [new Projection(identity, 0, 0, false)], 20, 0, new KernelPool(workers));
            var output = new SpikeWindowBuilder();
            var all = new List<int>();
            var x = Enumerable.Range(0, batch * inputs).Select(i => (double)(i % 7)).ToArray();
            for (var window = 0; window < 20; window++)
            {
                var samples = Enumerable.Range(0, 10).SelectMany(_ => x).ToArray();
                engine.DeliverSamples(0, engine.Step, batch * inputs, samples);
                engine.Evolve(10, output);
                all.AddRange(output.ToNeurons());
            }
            return (all.ToArray(), model.GetState("v"));
        }
        var one = Run(1);
        Assert.True(one.Item1.Length > 100);
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var two = Run(2);
            Assert.Equal(one.Item1, two.Item1);
            Assert.Equal(one.Item2, two.Item2);
        }
    }
}
