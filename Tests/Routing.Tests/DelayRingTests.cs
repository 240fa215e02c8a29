using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Routing.Tests;

/// <summary>
/// The shared delay ring of a port (<see cref="DelayRing"/>): tables of different scales add whole numbers into one
/// ring, exactly and in any order; 64-bit rows where 32 bits could overflow; a split layer adds delivered spikes in
/// parallel and gives the serial spikes; checkpoints keep what is in flight.
/// </summary>
public class DelayRingTests
{
    private const double Dt = 1e-4;

    private static IafPscExp Model(int size) =>
        new(size, Dt, LayerParameters.From(("v_rest", -0.065), ("v_reset", -0.065)), _ => new Xoshiro256StarStar(1));

    /// <summary>Source neuron i onto target i mod 3, weight (i + 1) · <paramref name="unit"/>, delay 2 + i mod 4 steps.</summary>
    private static SynapseTable Table(int pre, float unit)
    {
        var rowStart = Enumerable.Range(0, pre + 1).ToArray();
        var table = new SynapseTable(pre, 3, rowStart, Enumerable.Range(0, pre).Select(i => i % 3).ToArray(),
            Enumerable.Range(0, pre).Select(i => (i + 1) * unit).ToArray());
        return table.WithDelays(Enumerable.Range(0, pre).Select(i => 2 + i % 4).ToArray());
    }

    [Fact]
    public void Tables_of_different_scales_share_one_ring_and_add_exactly_in_any_order()
    {
        var small = Table(40, 1e-4f);
        var large = Table(40, 7e-4f);
        Assert.NotEqual(small.WeightScale, large.WeightScale);
        double[]?[] Rows(bool smallFirst)
        {
            var engine = new LayerEngine(Model(3), [new Projection(small, 2, 0, false), new Projection(large, 2, 0, false)], 4);
            Assert.Single(engine.DelayRings);
            Assert.False(engine.DelayRings[0].Wide);
            var all = Enumerable.Range(0, 40).ToArray();
            foreach (var p in smallFirst ? new[] { 0, 1 } : [1, 0]) engine.Deliver(p, 1, [0, 40], all);
            var rings = engine.Snapshot().Rings;
            Assert.Empty(rings[0]); // the projections keep no rows of their own
            return rings[2];
        }
        var forward = Rows(true);
        Assert.Equal(forward, Rows(false));
        // Closed form: each target's sum at arrival step 1 + delay, every weight q · scale (q recovered from the float weight).
        var ringRows = forward.Length;
        for (var delay = 2; delay <= 5; delay++)
            for (var target = 0; target < 3; target++)
            {
                var expected = 0.0;
                foreach (var t in new[] { small, large })
                    for (var s = 0; s < 40; s++)
                        if (s % 3 == target && 2 + s % 4 == delay) expected += Math.Round(t.WeightAt(s) / t.WeightScale) * t.WeightScale;
                Assert.Equal(expected, forward[(1 + delay) % ringRows]?[target] ?? 0.0);
            }
    }

    [Theory]
    [InlineData(60_000, false)] // 60,000 · 32,767 < 2^31
    [InlineData(70_000, true)]
    public void A_ring_is_64_bit_only_where_a_32_bit_row_could_overflow(int inDegree, bool wide)
    {
        var table = new SynapseTable(inDegree, 1, Enumerable.Range(0, inDegree + 1).ToArray(), new int[inDegree], Enumerable.Repeat(0.002f, inDegree).ToArray())
            .WithDelays(Enumerable.Repeat(3, inDegree).ToArray());
        var engine = new LayerEngine(Model(1), [new Projection(table, 3, 0, false)], 2);
        Assert.Equal(wide, engine.DelayRings[0].Wide);
        engine.Deliver(0, 0, [0, inDegree], Enumerable.Range(0, inDegree).ToArray());
        // Every synapse at the same level q (> 16,383): the row holds inDegree · q levels, exactly.
        var q = Math.Round(table.WeightAt(0) / table.WeightScale);
        Assert.InRange(q, 16384, 32767);
        var row = engine.Snapshot().Rings[1][3]!;
        Assert.Equal(inDegree * q * table.WeightScale, row[0]);
    }

    private static CompiledNetwork TwoPopulations() => NetworkCompiler.Compile(new NetworkSpec("split", Dt, 0.03, 5,
        [Layer("a", "iaf_psc_exp", 2500, Driven(11000)), Layer("b", "iaf_psc_exp", 3000, Driven(7000))],
        [new("a", "b", Json("""{"generator":"fixed_total_number","n":120000,"weight":{"mean":0.0035,"std":0.00035,"keep_sign":true}}"""), 0, "exc")
            { DelayDistribution = Json("""{"mean":0.0015,"std":0.00075,"min":0.0002}""") },
         new("b", "b", Json("""{"generator":"fixed_total_number","n":60000,"weight":{"mean":-0.01,"std":0.001,"keep_sign":true}}"""), 0, "inh")
            { DelayDistribution = Json("""{"mean":0.00075,"std":0.000375,"min":0.0002}""") }], null, null));

    private static string Driven(double rate) =>
        $$"""{"tau_mem":0.01,"v_rest":-0.065,"v_reset":-0.065,"v_thresh":-0.05,"drive_rate":{{rate}},"drive_weight":0.0035,"v_init_mean":-0.058,"v_init_std":0.01}""";

    /// <summary>Runs a → b window by window; b split over <paramref name="pool"/>; at window <paramref name="checkpointAt"/> b continues from a checkpoint taken with a's spikes delivered but not yet added.</summary>
    private static List<int> RunB(CompiledNetwork net, KernelPool? pool, int checkpointAt = -1)
    {
        var a = net.CreateEngine(0);
        var b = net.CreateEngine(1, pool: pool);
        a.Reset(); // the engines share the compiled network's models: start each run from the initial state
        b.Reset();
        Assert.Equal(pool is null ? 1 : 2, b.Partitions.Count);
        var external = b.Projections.Select((p, i) => (p, i)).Single(x => !x.p.Recurrent).i;
        var all = new List<int>();
        var steps = net.Plan.WindowSteps;
        for (var w = 0; w < net.Plan.WindowCount; w++)
        {
            var fromA = new SpikeWindowBuilder();
            a.Evolve(steps, fromA);
            b.Deliver(external, (long)w * steps, fromA.ToStepPointers(), fromA.ToNeurons());
            if (w == checkpointAt)
            {
                var snapshot = b.Snapshot();
                b = net.CreateEngine(1, pool: pool);
                b.Restore(snapshot);
            }
            var spikes = new SpikeWindowBuilder();
            b.Evolve(steps, spikes);
            all.AddRange(spikes.ToStepPointers().Select(p => -1 - p));
            all.AddRange(spikes.ToNeurons());
        }
        return all;
    }

    [Fact]
    public void A_split_layer_adds_delivered_delayed_spikes_in_parallel_and_gives_the_serial_spikes()
    {
        var net = TwoPopulations();
        var serial = RunB(net, null);
        Assert.True(serial.Count(n => n >= 0) > 200, $"b fired {serial.Count(n => n >= 0)} times");
        using var pool = new KernelPool(2);
        Assert.Equal(serial, RunB(net, pool));
    }

    [Fact]
    public void A_checkpoint_keeps_the_spikes_in_flight_in_the_delay_rings()
    {
        var net = TwoPopulations();
        var serial = RunB(net, null);
        using var pool = new KernelPool(2);
        Assert.Equal(serial, RunB(net, pool, checkpointAt: 60));
        Assert.Equal(serial, RunB(net, null, checkpointAt: 60));
    }
}
