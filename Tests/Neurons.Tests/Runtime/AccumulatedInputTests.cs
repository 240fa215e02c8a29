using System.Text.Json.Nodes;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Weights;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

/// <summary>
/// The engine adding a sparse spike row into the model's own variable (<see cref="IAccumulatingInput"/>) instead of
/// handing the row over: the same spikes and state, bit for bit, as when the model reads the rows.
/// </summary>
public class AccumulatedInputTests
{
    private const int N = 2000;

    /// <summary>The model, seen by the engine through its ports only; it notes whether each step's "exc" and "inh" rows were zero rows.</summary>
    private sealed class Watched(IafPscExp inner, bool accumulate) : ILayerModel, IAccumulatingInput
    {
        public List<(bool Zero, bool Empty)> Rows { get; } = [];
        public string ClassName => inner.ClassName;
        public int Size => inner.Size;
        public double Dt => inner.Dt;
        public IReadOnlyList<InputPort> Ports => inner.Ports;
        public double[]? AccumulatorOf(int port) => accumulate ? inner.AccumulatorOf(port) : null;
        public void ResetState() => inner.ResetState();
        public double[] GetState(string name) => inner.GetState(name);
        public JsonObject ToDict() => inner.ToDict();

        public void Step(long step, double[][] portInput, List<int> spikes)
        {
            Rows.Add((ZeroRows.IsZero(portInput[0]) && ZeroRows.IsZero(portInput[1]), portInput[0].All(x => x == 0) && portInput[1].All(x => x == 0)));
            inner.Step(step, portInput, spikes);
        }
    }

    private static readonly (SynapseTable Exc, SynapseTable Inh) Tables = MakeTables();

    private static (SynapseTable, SynapseTable) MakeTables()
    {
        var rng = new Xoshiro256StarStar(5);
        return (SynapseGenerators.FixedIndegree(N, N, 15, WeightRules.Constant(0.0009), false, rng),
            SynapseGenerators.FixedIndegree(N, N, 5, WeightRules.Constant(-0.0031), false, rng));
    }

    private static IafPscExp Neurons() => new(N, 1e-4, LayerParameters.From(("bias", 0.0125), ("v_init", new[] { -0.06, -0.05 })),
        b => StreamSeed.Generator(4, "layer:accumulated", b));

    private static LayerEngine Engine(ILayerModel model) =>
        new(model, [new Projection(Tables.Exc, 1, 0, true), new Projection(Tables.Inh, 3, 1, true)], 16);

    private static (int[] Ptr, int[] Neurons, Watched Model) Run(bool accumulate)
    {
        var model = new Watched(Neurons(), accumulate);
        var output = new SpikeWindowBuilder();
        Engine(model).Evolve(3000, output);
        return (output.ToStepPointers(), output.ToNeurons(), model);
    }

    [Fact]
    public void Adding_sparse_rows_into_the_currents_gives_the_bits_of_reading_the_rows()
    {
        var read = Run(accumulate: false);
        var moved = Run(accumulate: true);
        Assert.True(read.Neurons.Length > 2000, $"only {read.Neurons.Length} spikes");
        Assert.Equal(read.Ptr, moved.Ptr);
        Assert.Equal(read.Neurons, moved.Neurons);
        foreach (var name in new[] { "v_mem", "i_exc", "i_inh", "refractory_left" })
            Assert.Equal(read.Model.GetState(name), moved.Model.GetState(name));
        // The rows were moved: steps where the reading run got input and the other run got zero rows only.
        var movedSteps = read.Model.Rows.Zip(moved.Model.Rows).Count(p => !p.First.Empty && p.Second.Zero);
        Assert.True(movedSteps > 1000, $"only {movedSteps} steps had their input added into the currents");
    }

    [Fact]
    public void A_layer_taking_sparse_rows_resumes_from_a_snapshot_bit_for_bit()
    {
        // The snapshot's rows in flight come back as whole rows (read as rows once), then the sparse path goes on.
        var straightModel = Neurons();
        var straight = Engine(straightModel);
        straight.Evolve(1500);
        var expected = new SpikeWindowBuilder();
        straight.Evolve(1500, expected);
        var first = Engine(Neurons());
        first.Evolve(1500);
        var resumedModel = Neurons();
        var resumed = Engine(resumedModel);
        resumed.Restore(first.Snapshot());
        var actual = new SpikeWindowBuilder();
        resumed.Evolve(1500, actual);
        Assert.True(expected.ToNeurons().Length > 1000, $"only {expected.ToNeurons().Length} spikes after the snapshot");
        Assert.Equal(expected.ToStepPointers(), actual.ToStepPointers());
        Assert.Equal(expected.ToNeurons(), actual.ToNeurons());
        foreach (var name in new[] { "v_mem", "i_exc", "i_inh", "refractory_left" })
            Assert.Equal(straightModel.GetState(name), resumedModel.GetState(name));
    }

    [Fact]
    public void Moving_targets_adds_each_hit_cell_once_and_leaves_the_row_zero()
    {
        // Rows 0 and 1 share target 2; row 1 names target 4 twice (a multapse).
        var table = new SynapseTable(3, 6, [0, 2, 5, 6], [2, 3, 2, 4, 4, 5], [1f, 1f, 1f, 1f, 1f, 1f]);
        var row = new[] { 0.0, 0.0, 0.25, -0.5, 3.0, 7.0 };
        var into = new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 };
        table.MoveTargets([0, 1], row, into);
        Assert.Equal([1.0, 1.0, 1.25, 0.5, 4.0, 1.0], into); // target 5 belongs to row 2, not moved
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0, 7.0], row);
        Assert.Throws<ArgumentException>(() => table.MoveTargets([0], new double[5], into));
    }
}
