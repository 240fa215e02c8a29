using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Routing.Tests;

/// <summary>Per-synapse weights and delays: distributions, rounding, arrival, layout, and the sharded/cluster build paths.</summary>
public class SynapseDelayTests
{
    private const double Dt = 1e-4;

    private static NetworkSpec Spec(IReadOnlyList<LayerSpec> layers, IReadOnlyList<ConnectionSpec> connections) =>
        new("delays", Dt, 0.01, 7, layers, connections, null, null);

    private static ConnectionSpec Delayed(string from, string to, string weights, string delay) =>
        new(from, to, Json(weights), 0, "exc") { DelayDistribution = Json(delay) };

    private static CompiledNetwork TwoLayers(string weights, string delay, int shardSize = 0, IReadOnlySet<string>? buildInto = null) =>
        NetworkCompiler.Compile(Spec([Layer("a", "iaf_psc_exp", 3000), Layer("b", "iaf_psc_exp", 2500)],
            [Delayed("a", "b", weights, delay), Delayed("b", "b", weights, delay)]), shardSize, buildInto);

    private const string Normal = """{"generator":"fixed_total_number","n":200000,"weight":{"mean":0.001,"std":0.0005,"keep_sign":true}}""";
    private const string NormalDelay = """{"mean":0.0015,"std":0.00075}""";

    [Fact]
    public void Normal_weights_keep_their_sign_and_have_the_clipped_mean_and_sd()
    {
        var t = TwoLayers(Normal, NormalDelay).Connections[0].Synapses;
        Assert.Equal(200000, t.Count);
        var w = Enumerable.Range(0, (int)t.Count).Select(s => (double)t.WeightAt(s)).ToArray();
        Assert.All(w, x => Assert.True(x >= 0));
        // N(1, 0.5²) mV clipped at 0: P(0) = Φ(−2) = 2.275 %; mean = μΦ(2) + σφ(2) = 0.97725 + 0.5·0.05399 = 1.00425 mV;
        // E[x²] = (μ² + σ²)Φ(2) + μσφ(2) = 1.25·0.97725 + 0.5·0.05399 = 1.24856 → sd 0.48994 mV. Bounds ≈ 4 standard errors.
        Assert.InRange(w.Count(x => x == 0) / (double)w.Length, 0.02275 - 0.0014, 0.02275 + 0.0014);
        Assert.InRange(w.Average(), 1.00425e-3 - 4.5e-6, 1.00425e-3 + 4.5e-6);
        var sd = Math.Sqrt(w.Select(x => x * x).Average() - w.Average() * w.Average());
        Assert.InRange(sd, 0.48994e-3 - 3.5e-6, 0.48994e-3 + 3.5e-6);
    }

    [Fact]
    public void Normal_delays_are_whole_steps_truncated_below_at_dt()
    {
        var c = TwoLayers(Normal, NormalDelay).Connections[0];
        var t = c.Synapses;
        Assert.True(t.HasDelays);
        var d = Enumerable.Range(0, (int)t.Count).Select(t.DelayAt).ToArray();
        Assert.Equal(1, c.DelaySteps);
        Assert.Equal(1, d.Min());
        Assert.Equal(t.MinDelay, d.Min());
        Assert.Equal(t.MaxDelay, d.Max());
        // N(15, 7.5²) steps truncated to [1, ∞) by drawing again, then rounded: Z = (1 − 15)/7.5 = −1.8667,
        // Φ(Z) = 0.03097, φ(Z) = 0.07000; mean = 15 + 7.5·φ/(1 − Φ) = 15.5418 steps (rounding adds ~0).
        Assert.InRange(d.Average(), 15.5418 - 0.05, 15.5418 + 0.05);
        // Steps of exactly 1 come from draws in [0.1, 0.15) ms only: (Φ(−1.8) − Φ(−1.8667))/(1 − Φ(−1.8667)) = 0.00500.
        Assert.InRange(d.Count(x => x == 1) / (double)d.Length, 0.0050 - 0.0006, 0.0050 + 0.0006);
    }

    [Fact]
    public void Uniform_delays_round_to_steps_within_their_bounds()
    {
        var t = TwoLayers(Normal, """{"low":0.00025,"high":0.00085}""").Connections[0].Synapses;
        var d = Enumerable.Range(0, (int)t.Count).Select(t.DelayAt).ToArray();
        Assert.Equal(3, d.Min()); // 2.5 steps rounds half away from zero
        Assert.Equal(8, d.Max()); // 8.5 steps is the open end
        // U(2.5, 8.5) steps rounded: 3..8, each a sixth.
        foreach (var k in Enumerable.Range(3, 6)) Assert.InRange(d.Count(x => x == k) / (double)d.Length, 1 / 6.0 - 0.006, 1 / 6.0 + 0.006);
    }

    [Fact]
    public void A_delayed_table_keeps_eight_bytes_per_synapse()
    {
        var t = TwoLayers(Normal, NormalDelay).Connections[0].Synapses;
        Assert.Equal(8 * t.Count + 4 * (t.PreSize + 1), t.Bytes);
        // The weights survive as 16-bit fixed point: each within half a level (the power of two at or just above the
        // largest / 32,767, so that tables of different scales add exactly into one ring) of the float the same stream
        // gives with one shared delay (delays come from a stream of their own).
        var plain = NetworkCompiler.Compile(Spec([Layer("a", "iaf_psc_exp", 3000), Layer("b", "iaf_psc_exp", 2500)],
            [new("a", "b", Json(Normal), 0.0015, "exc")])).Connections[0].Synapses;
        Assert.False(plain.HasDelays);
        Assert.Equal(plain.RowStart, t.RowStart);
        var largest = plain.Weight.Max();
        Assert.Equal(t.WeightScale, Math.ScaleB(1.0, Math.ILogB(t.WeightScale)));
        Assert.InRange(largest / t.WeightScale, 32767 / 2.0, 32767);
        // Rows are ordered by delay (OrderedByDelay): compare each row's synapses as (target, weight) in order of both.
        for (var i = 0; i < t.PreSize; i++)
        {
            var expected = RowPairs(plain, i);
            var actual = RowPairs(t, i);
            Assert.Equal(expected.Select(p => p.Target), actual.Select(p => p.Target));
            for (var k = 0; k < expected.Count; k++)
                Assert.True(Math.Abs(actual[k].Weight - expected[k].Weight) <= 0.5 * t.WeightScale + 1e-6 * Math.Abs(expected[k].Weight),
                    $"row {i}: {actual[k].Weight} vs {expected[k].Weight}, scale {t.WeightScale}");
        }
    }

    private static List<(int Target, double Weight)> RowPairs(SynapseTable t, int row) =>
        Enumerable.Range(t.RowStart[row], t.RowStart[row + 1] - t.RowStart[row]).Select(s => (t.Target[s], (double)t.WeightAt(s)))
            .OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();

    [Fact]
    public void Rows_are_ordered_by_delay_then_target_and_hold_the_same_synapses()
    {
        var t = TwoLayers(Normal, NormalDelay).Connections[0].Synapses;
        Assert.True(t.OrderedByDelay);
        Assert.False(t.RowsSorted);
        var runs = 0;
        for (var i = 0; i < t.PreSize; i++)
            for (var s = t.RowStart[i] + 1; s < t.RowStart[i + 1]; s++)
            {
                var (d0, d1) = (t.DelayAt(s - 1), t.DelayAt(s));
                Assert.True(d0 < d1 || (d0 == d1 && t.Target[s - 1] <= t.Target[s]), $"row {i} at {s}: delay {d0} → {d1}, target {t.Target[s - 1]} → {t.Target[s]}");
                if (d0 != d1) runs++;
            }
        Assert.True(runs > t.PreSize * 10, $"only {runs} changes of delay in {t.PreSize} rows");
        // The same synapses (target, q, delay) as the table in generator order, row by row; shards keep the order.
        var unordered = t.SortRows();
        Assert.False(unordered.OrderedByDelay);
        for (var i = 0; i < t.PreSize; i++)
            Assert.Equal(Words(unordered, i), Words(t, i));
        Assert.True(t.Columns(100, 2000).OrderedByDelay);
    }

    [Fact]
    public void Ordering_by_delay_moves_the_source_tables_targets_and_weights_together()
    {
        // Row 0: targets 0..5 with weights 0.1·(t+1) and delays 3, 1, 2, 1, 3, 0; row 1: one synapse; row 2: none.
        var source = new SynapseTable(3, 6, [0, 6, 7, 7], [0, 1, 2, 3, 4, 5, 2], [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, -0.7f]);
        var t = source.WithDelays([3, 1, 2, 1, 3, 0, 4], orderByDelay: true);
        Assert.True(t.OrderedByDelay);
        Assert.Equal([5, 1, 3, 2, 0, 4, 2], t.Target);
        Assert.Equal([0, 1, 1, 2, 3, 3, 4], Enumerable.Range(0, 7).Select(t.DelayAt));
        // The source's rows are in the new order too, each weight still with its target (so the source stays the same table).
        Assert.Equal([0.6f, 0.2f, 0.4f, 0.3f, 0.1f, 0.5f, -0.7f], source.Weight);
        for (var s = 0; s < 7; s++) Assert.True(Math.Abs(t.WeightAt(s) - source.WeightAt(s)) <= 0.5 * t.WeightScale, $"synapse {s}");
        Assert.False(source.WithDelays([0, 0, 0, 0, 0, 0, 0]).OrderedByDelay);
    }

    private static IEnumerable<(int, int, float)> Words(SynapseTable t, int row) =>
        Enumerable.Range(t.RowStart[row], t.RowStart[row + 1] - t.RowStart[row]).Select(s => (t.Target[s], t.DelayAt(s), t.WeightAt(s))).Order();

    [Fact]
    public void A_table_without_delays_is_unchanged()
    {
        var plain = NetworkCompiler.Compile(Spec([Layer("a", "iaf_psc_exp", 300), Layer("b", "iaf_psc_exp", 250)],
            [new("a", "b", Json(Normal.Replace("200000", "5000")), 0.0015, "exc")])).Connections[0];
        Assert.False(plain.Synapses.HasDelays);
        Assert.Equal(15, plain.DelaySteps);
        Assert.Equal(8 * plain.Synapses.Count + 4 * 301, plain.Synapses.Bytes);
    }

    [Fact]
    public void Nodes_and_shards_build_the_same_synapses()
    {
        var whole = TwoLayers(Normal, NormalDelay);
        var node = TwoLayers(Normal, NormalDelay, buildInto: new HashSet<string> { "b" });
        for (var c = 0; c < 2; c++) AssertSame(whole.Connections[c].Synapses, node.Connections[c].Synapses);
        var sharded = TwoLayers(Normal, NormalDelay, shardSize: 1024);
        foreach (var table in sharded.Connections.Where(c => c.Id == 1))
        {
            var shard = sharded.Layers[table.To];
            AssertSame(whole.Connections[1].Synapses.Columns(shard.Offset, shard.Offset + shard.Size), table.Synapses);
            Assert.Equal(1, table.DelaySteps);
        }
    }

    private static void AssertSame(SynapseTable a, SynapseTable b)
    {
        Assert.Equal(a.RowStart, b.RowStart);
        Assert.Equal(a.Target, b.Target);
        Assert.Equal(a.Weight, b.Weight);
        Assert.Equal(Enumerable.Range(0, (int)a.Count).Select(a.DelayAt), Enumerable.Range(0, (int)b.Count).Select(b.DelayAt));
    }

    [Fact]
    public void A_spike_arrives_after_exactly_its_own_delay()
    {
        // One source neuron onto three targets with delays 1, 5 and 9 steps; weights far above threshold,
        // so each target fires in the very step its input arrives (an input delivered at step k acts in step k).
        var table = new SynapseTable(1, 3, [0, 3], [0, 1, 2], [10f, 10f, 10f]).WithDelays([1, 5, 9]);
        var model = new IafPscExp(3, Dt, LayerParameters.From(("v_rest", -0.065), ("v_reset", -0.065)), _ => new Neurons.Random.Xoshiro256StarStar(1));
        var engine = new LayerEngine(model, [new Projection(table, 1, 0, false)], 4);
        var fired = new Dictionary<int, long>();
        for (long step = 0; step < 12; step++)
        {
            if (step == 2) engine.Deliver(0, 2, [0, 1], [0]);
            var spikes = new SpikeWindowBuilder();
            engine.Evolve(1, spikes);
            foreach (var n in spikes.ToNeurons()) fired.TryAdd(n, step);
        }
        Assert.Equal(new Dictionary<int, long> { [0] = 3, [1] = 7, [2] = 11 }, fired);
    }

    [Fact]
    public void A_split_layer_with_delayed_recurrent_synapses_gives_the_serial_spikes()
    {
        var net = NetworkCompiler.Compile(new NetworkSpec("rec", Dt, 0.05, 3,
            [Layer("r", "iaf_psc_exp", 3000, """{"tau_mem":0.01,"v_rest":-0.065,"v_reset":-0.065,"v_thresh":-0.05,"drive_rate":9000,"drive_weight":0.0035,"v_init_mean":-0.058,"v_init_std":0.01}""")],
            [new("r", "r", Json("""{"generator":"fixed_total_number","n":150000,"weight":{"mean":0.0035,"std":0.00035,"keep_sign":true}}"""), 0, "exc") { DelayDistribution = Json(NormalDelay) },
             new("r", "r", Json("""{"generator":"fixed_total_number","n":40000,"weight":{"mean":-0.014,"std":0.0014,"keep_sign":true}}"""), 0, "inh") { DelayDistribution = Json("""{"mean":0.00075,"std":0.000375}""") }], null, null));
        List<int> Run(KernelPool? pool)
        {
            var engine = net.CreateEngine(0, pool: pool);
            Assert.Equal(pool is null ? 1 : 2, engine.Partitions.Count);
            engine.Reset();
            var all = new List<int>();
            for (var w = 0; w < net.Plan.WindowCount; w++)
            {
                var spikes = new SpikeWindowBuilder();
                engine.Evolve(net.Plan.WindowSteps, spikes);
                all.AddRange(spikes.ToStepPointers().Select(p => -1 - p));
                all.AddRange(spikes.ToNeurons());
            }
            return all;
        }
        var serial = Run(null);
        using var pool = new KernelPool(2);
        Assert.True(serial.Count(n => n >= 0) > 100, "the layer should fire");
        Assert.Equal(serial, Run(pool));
    }
}
