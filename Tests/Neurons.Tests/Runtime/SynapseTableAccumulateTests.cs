using EventSpike.Neurons.Runtime;
using Xunit;

namespace EventSpike.Neurons.Tests.Runtime;

/// <summary>
/// AccumulateRow, AccumulateSlice and ClearTargets index the row without a check per synapse: each call checks the row's
/// length against the table's width once. These pin their sums against a plain loop and their refusals of short rows.
/// </summary>
public class SynapseTableAccumulateTests
{
    // 3 presynaptic × 5 postsynaptic; row 1 repeats target 4 (a multapse), row 2 is empty.
    private static readonly int[] RowStart = [0, 3, 6, 6];
    private static readonly int[] Target = [0, 2, 4, 1, 4, 4];
    private static readonly float[] Weights = [0.5f, -1.25f, 2f, 3f, 0.125f, -0.75f];

    [Fact]
    public void Rows_and_slices_add_each_synapse_weight_at_its_target()
    {
        var table = new SynapseTable(3, 5, RowStart, Target, Weights);
        var row = new double[5];
        table.AccumulateRow(1, row);
        Assert.Equal(new double[] { 0, 3, 0, 0, 0.125 - 0.75 }, row);
        table.AccumulateRow(0, row, 2.0);
        Assert.Equal(new double[] { 1, 3, -2.5, 0, 4 + 0.125 - 0.75 }, row);
        var slice = new double[5];
        table.AccumulateSlice(1, 4, slice);
        Assert.Equal(new double[] { 0, 3, -1.25, 0, 2 }, slice);
    }

    [Fact]
    public void A_shared_weight_adds_the_same_at_every_target_of_the_row()
    {
        var table = new SynapseTable(3, 5, RowStart, Target, [0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f]);
        var row = new double[5];
        table.AccumulateRow(1, row, 4.0);
        table.AccumulateSlice(0, 2, row);
        Assert.Equal(new double[] { 0.25, 1, 0.25, 0, 2 }, row);
    }

    [Fact]
    public void ClearTargets_zeroes_the_cells_the_rows_reach_and_no_other()
    {
        var table = new SynapseTable(3, 5, RowStart, Target, Weights);
        var row = new double[] { 9, 9, 9, 9, 9 };
        table.ClearTargets([1, 2], row);
        Assert.Equal(new double[] { 9, 0, 9, 9, 0 }, row);
    }

    [Fact]
    public void A_row_shorter_than_the_table_is_refused_before_anything_is_added()
    {
        var table = new SynapseTable(3, 5, RowStart, Target, Weights);
        var shortRow = new double[4];
        Assert.Contains("4 cells for 5 targets", Assert.Throws<ArgumentException>(() => table.AccumulateRow(0, shortRow)).Message);
        Assert.Throws<ArgumentException>(() => table.AccumulateSlice(0, 1, shortRow));
        Assert.Throws<ArgumentException>(() => table.ClearTargets([0], shortRow));
        Assert.All(shortRow, v => Assert.Equal(0, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AccumulateSlice(2, 7, new double[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AccumulateSlice(3, 2, new double[5]));
    }

    [Fact]
    public void A_target_changed_after_the_table_was_made_cannot_write_outside_the_row()
    {
        var target = (int[])Target.Clone();
        var table = new SynapseTable(3, 5, RowStart, target, Weights);
        target[1] = 1_000_000; // the array is public: the per-synapse check on the row's cells still holds
        var row = new double[5];
        Assert.Throws<IndexOutOfRangeException>(() => table.AccumulateRow(0, row));
        Assert.Throws<IndexOutOfRangeException>(() => table.AccumulateSlice(0, 2, row));
        Assert.Throws<IndexOutOfRangeException>(() => table.ClearTargets([0], row));
    }
}
