using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Routing.Tests;

/// <summary>
/// The queued layout of a <see cref="DelayRing"/> (per arrival step lists of (target, q), drained into one row at the
/// step) against the dense rows it replaces: the same rows bit for bit for any order of additions, lanes per partition,
/// the same spikes of a split layer, checkpoints across layouts with events in flight, and its limits.
/// </summary>
public class DelayRingQueueTests
{
    private const double Dt = 1e-4;

    /// <summary>A random table of <paramref name="pre"/> rows onto <paramref name="width"/> targets, delays 1..<paramref name="maxDelay"/>, weights of both signs.</summary>
    private static SynapseTable RandomTable(int pre, int width, int perRow, int maxDelay, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var n = pre * perRow;
        var targets = Enumerable.Range(0, n).Select(_ => (int)(rng.NextUInt64() % (ulong)width)).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (float)((rng.NextUInt64() % 20001) / 10000.0 - 1.0)).ToArray();
        var delays = Enumerable.Range(0, n).Select(_ => 1 + (int)(rng.NextUInt64() % (ulong)maxDelay)).ToArray();
        return new SynapseTable(pre, width, Enumerable.Range(0, pre + 1).Select(i => i * perRow).ToArray(), targets, weights).WithDelays(delays);
    }

    [Fact]
    public void A_queued_ring_gives_the_dense_rows_bit_for_bit_per_lane_and_across_a_checkpoint()
    {
        const int width = 1000, rows = 24;
        var table = RandomTable(300, width, 40, 20, 7);
        var dense = new DelayRing(rows, width, table.WeightScale, wide: false, DelayRingLayout.Dense);
        var queued = new DelayRing(rows, width, table.WeightScale, wide: false, DelayRingLayout.Queued);
        Assert.False(dense.Queued);
        Assert.True(queued.Queued);
        (int, int)[] lanes = [(0, 250), (250, 640), (640, width)];
        queued.SplitLanes(lanes);
        var rng = new Xoshiro256StarStar(11);
        for (long step = 0; step < 200; step++)
        {
            // Source steps up to 2 behind the read step, rows in random order, shifts 0..3 (the same shift per row in both).
            for (var k = 0; k < 25; k++)
            {
                var pre = (int)(rng.NextUInt64() % 300);
                var shift = pre % 4;
                var baseSlot = (int)((step + (long)(rng.NextUInt64() % 3)) % rows);
                dense.Add(table, shift, table.RowStart[pre], table.RowStart[pre + 1], baseSlot);
                queued.AddRouted(table, shift, table.RowStart[pre], table.RowStart[pre + 1], baseSlot);
            }
            if (step == 100)
            {
                // Materialized rows are the dense rows; put back into fresh rings of the other layout, they go on the same.
                var slots = Enumerable.Range(0, rows).ToArray();
                Assert.Equal(slots.Select(dense.RowValues), slots.Select(queued.RowValues));
                Assert.Contains(slots, s => queued.RowValues(s) is not null);
                var fromDense = new DelayRing(rows, width, table.WeightScale, false, DelayRingLayout.Queued);
                fromDense.SplitLanes(lanes);
                var fromQueued = new DelayRing(rows, width, table.WeightScale, false, DelayRingLayout.Dense);
                foreach (var s in slots)
                {
                    fromDense.SetRow(s, dense.RowValues(s));
                    fromQueued.SetRow(s, queued.RowValues(s));
                }
                (dense, queued) = (fromQueued, fromDense);
            }
            var expected = new double[width];
            dense.Take(step + 1, expected, 0, width, add: false);
            var got = Enumerable.Repeat(0.5, width).ToArray();
            foreach (var (from, to) in lanes) queued.Take(step + 1, got, from, to, add: step % 2 == 0);
            for (var j = 0; j < width; j++)
                Assert.Equal(step % 2 == 0 ? 0.5 + expected[j] : expected[j], got[j]);
        }
    }

    [Fact]
    public void The_queued_layout_has_limits_and_gives_memory_back_after_a_burst()
    {
        Assert.Throws<ArgumentException>(() => new DelayRing(4, 10, 1.0, wide: true, DelayRingLayout.Queued));
        Assert.Throws<ArgumentException>(() => new DelayRing(4, 70_000, 1.0, wide: false, DelayRingLayout.Queued));
        using (DelayRing.Prefer(DelayRingLayout.Auto)) // by size, whatever EVENTSPIKE_DELAY_RINGS says
        {
            Assert.False(new DelayRing(4, 70_000, 1.0, wide: false).Queued); // dense where a queue cannot hold the targets
            Assert.False(new DelayRing(4, 100, 1.0, wide: false).Queued);    // a ring within the caches stays dense
            Assert.True(new DelayRing(64, 4096, 1.0, wide: false).Queued);   // 1 MiB of rows
        }
        var table = RandomTable(2000, 5000, 100, 1, 3);                 // every synapse 1 step
        var ring = new DelayRing(4, 5000, table.WeightScale, false, DelayRingLayout.Queued);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Add(table, 16, 0, 10, 0));
        Assert.Throws<ArgumentException>(() => ring.SplitLanes([(0, 100), (200, 5000)]));
        ring.SplitLanes([(0, 2500), (2500, 5000)]);
        var into = new double[5000];
        Assert.Throws<InvalidOperationException>(() => ring.Take(0, into, 0, 3000, add: false)); // cuts a lane
        ring.AddRouted(table, 0, 0, (int)table.Count, 0); // a burst: 200,000 events onto step 1
        Assert.Equal(table.Count, ring.QueuedEvents);
        var peak = ring.Bytes;
        Assert.True(peak >= 4L * table.Count, $"{peak} B");
        Assert.Throws<InvalidOperationException>(() => ring.SplitLanes([(0, 5000)]));
        for (long step = 1; step < 40; step++)
        {
            ring.Take(step, into, 0, 5000, add: false);
            ring.AddRouted(table, 0, 0, 100, (int)(step % 4)); // then 100 events a step
        }
        Assert.Equal(100, ring.QueuedEvents);
        Assert.True(ring.Bytes < peak / 2, $"{ring.Bytes} B after the burst, {peak} B at its peak");
        ring.Clear();
        Assert.Equal(0, ring.QueuedEvents);
        Assert.All(Enumerable.Range(0, 4), s => Assert.Null(ring.RowValues(s)));
    }

    private static CompiledNetwork TwoPopulations() => NetworkCompiler.Compile(new NetworkSpec("queued", Dt, 0.02, 5,
        [Layer("a", "iaf_psc_exp", 2500, Driven(11000)), Layer("b", "iaf_psc_exp", 3000, Driven(7000))],
        [new("a", "b", Json("""{"generator":"fixed_total_number","n":120000,"weight":{"mean":0.0035,"std":0.00035,"keep_sign":true}}"""), 0, "exc")
            { DelayDistribution = Json("""{"mean":0.0015,"std":0.00075,"min":0.0002}""") },
         new("b", "b", Json("""{"generator":"fixed_total_number","n":60000,"weight":{"mean":-0.01,"std":0.001,"keep_sign":true}}"""), 0, "inh")
            { DelayDistribution = Json("""{"mean":0.00075,"std":0.000375,"min":0.0002}""") }], null, null));

    private static string Driven(double rate) =>
        $$"""{"tau_mem":0.01,"v_rest":-0.065,"v_reset":-0.065,"v_thresh":-0.05,"drive_rate":{{rate}},"drive_weight":0.0035,"v_init_mean":-0.058,"v_init_std":0.01}""";

    /// <summary>Runs a → b window by window with b's rings in <paramref name="layout"/>; at window <paramref name="checkpointAt"/> b continues from a checkpoint in <paramref name="after"/>.</summary>
    private static List<int> RunB(CompiledNetwork net, DelayRingLayout layout, KernelPool? pool, int checkpointAt = -1, DelayRingLayout after = DelayRingLayout.Dense)
    {
        LayerEngine Create(DelayRingLayout l)
        {
            using var scope = DelayRing.Prefer(l);
            var engine = net.CreateEngine(1, pool: pool);
            Assert.All(engine.DelayRings, r => Assert.Equal(l == DelayRingLayout.Queued, r.Queued));
            Assert.Equal(l == DelayRingLayout.Queued && pool is not null ? 2 : 1, engine.DelayRings[0].Lanes.Count);
            return engine;
        }
        var a = net.CreateEngine(0);
        var b = Create(layout);
        a.Reset(); // the engines share the compiled network's models: start each run from the initial state
        b.Reset();
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
                b = Create(after);
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
    public void A_layer_with_queued_rings_fires_as_with_dense_rings_split_or_not_and_across_checkpoints()
    {
        var net = TwoPopulations();
        var reference = RunB(net, DelayRingLayout.Dense, null);
        Assert.True(reference.Count(n => n >= 0) > 150, $"b fired {reference.Count(n => n >= 0)} times");
        Assert.Equal(reference, RunB(net, DelayRingLayout.Queued, null));
        Assert.Equal(reference, RunB(net, DelayRingLayout.Queued, null, checkpointAt: 40, after: DelayRingLayout.Dense));
        using var pool = new KernelPool(2);
        Assert.Equal(reference, RunB(net, DelayRingLayout.Queued, pool));
        Assert.Equal(reference, RunB(net, DelayRingLayout.Queued, pool, checkpointAt: 40, after: DelayRingLayout.Queued));
        Assert.Equal(reference, RunB(net, DelayRingLayout.Dense, pool, checkpointAt: 40, after: DelayRingLayout.Queued));
        // The compiler orders rows by delay (a split layer's partitions then bisect each run); rows by target give the same.
        Assert.All(net.Connections, c => Assert.True(c.Synapses.OrderedByDelay && !c.Synapses.RowsSorted));
        var byTarget = new CompiledNetwork(net.Name, net.Dt, net.Duration, net.Seed, net.Layers,
            net.Connections.Select(c => c with { Synapses = c.Synapses.SortRows() }).ToList(), net.Plan, net.Warnings);
        Assert.All(byTarget.Connections, c => Assert.True(!c.Synapses.OrderedByDelay && c.Synapses.RowsSorted));
        Assert.Equal(reference, RunB(byTarget, DelayRingLayout.Queued, null));
        Assert.Equal(reference, RunB(byTarget, DelayRingLayout.Queued, pool));
        Assert.Equal(reference, RunB(byTarget, DelayRingLayout.Dense, pool));
    }
}
