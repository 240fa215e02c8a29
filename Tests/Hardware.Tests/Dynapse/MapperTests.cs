using EventSpike.Hardware.Dynapse;
using Xunit;

namespace EventSpike.Hardware.Tests.Dynapse;

public class MapperTests
{
    [Fact]
    public void A_layer_maps_with_input_neurons_on_the_input_core_reserved_ids_skipped_and_Rockpool_s_synapse_types()
    {
        // 2 inputs → neurons 0, 1 (input neurons) → neurons 2..4 (recurrent only), one inhibitory link back
        var win = new int[2, 5];
        win[0, 0] = 2; win[1, 1] = -1;
        var wrec = new int[5, 5];
        wrec[0, 2] = 3; wrec[1, 3] = 1; wrec[2, 4] = 2; wrec[4, 0] = -1;
        var config = DynapseMapper.Map(new MapRequest(win, wrec) { InputCoreIds = [0], InputChipId = 0 });
        Assert.Equal([1, 2, 256, 257, 258], config.Neurons); // 0 is reserved; recurrent-only neurons on the next core
        Assert.DoesNotContain(config.VirtualInputs, v => config.Neurons.Select(BoardGeometry.TagOf).Contains(v));
        Assert.DoesNotContain(0, config.VirtualInputs);
        var byPair = config.Connections.ToDictionary(c => (c.Pre, c.Virtual, c.Post));
        Assert.Equal(new BoardConnection(config.VirtualInputs[0], true, 1, SynapseType.FastExc, 2), byPair[(config.VirtualInputs[0], true, 1)]);
        Assert.Equal(SynapseType.FastInh, byPair[(config.VirtualInputs[1], true, 2)].Type);
        Assert.Equal(SynapseType.FastExc, byPair[(1, false, 256)].Type); // from an input-receiving neuron
        Assert.Equal(3, byPair[(1, false, 256)].Count);
        Assert.Equal(SynapseType.SlowExc, byPair[(256, false, 258)].Type); // from a recurrent-only neuron
        Assert.Equal(SynapseType.FastInh, byPair[(258, false, 1)].Type);
    }

    [Fact]
    public void The_mapped_configuration_runs_and_reproduces_the_weights_it_was_given()
    {
        var win = new int[3, 4];
        win[0, 0] = 5; win[2, 1] = 4;
        var wrec = new int[4, 4];
        wrec[0, 2] = 7; wrec[1, 3] = -2;
        var config = DynapseMapper.Map(new MapRequest(win, wrec));
        // round trip: the counts read back per (row, column) are the matrices
        var back = new int[3, 4];
        var backRec = new int[4, 4];
        var column = config.Neurons.Select((id, j) => (id, j)).ToDictionary(p => p.id, p => p.j);
        foreach (var c in config.Connections)
        {
            var sign = c.Type is SynapseType.FastInh or SynapseType.SlowInh ? -1 : 1;
            if (c.Virtual) back[Array.IndexOf(config.VirtualInputs, c.Pre), column[c.Post]] += sign * c.Count;
            else backRec[column[c.Pre], column[c.Post]] += sign * c.Count;
        }
        Assert.Equal(win, back);
        Assert.Equal(wrec, backRec);
        _ = new BoardSimulator(config);
    }

    [Fact]
    public void Every_broken_limit_is_listed_with_neuron_core_and_limit()
    {
        var win = new int[70, 3];
        for (var i = 0; i < 70; i++) win[i, 0] = 1; // fan-in 70 into neuron 0
        var wrec = new int[3, 3];
        var e = Assert.Throws<MappingException>(() => DynapseMapper.Map(new MapRequest(win, wrec)));
        Assert.Contains(e.Problems, p => p.Contains("fan-in: neuron 1 (chip 0, core 0) has 70") && p.Contains("limit is 64"));

        var ids = Assert.Throws<MappingException>(() => DynapseMapper.Map(new MapRequest(new int[1, 2] { { 1, 0 } }, new int[2, 2]) { NeuronIds = [1024, 5000] }));
        Assert.Equal(2, ids.Problems.Count);
        Assert.Contains(ids.Problems, p => p.Contains("reserved"));
        Assert.Contains(ids.Problems, p => p.Contains("5000 is not on the board"));

        var cores = Assert.Throws<MappingException>(() => DynapseMapper.Map(new MapRequest(Ones(1, 300), new int[300, 300])));
        Assert.Contains("core capacity: 300 neurons receive input", Assert.Single(cores.Problems));
    }

    [Fact]
    public void Fan_out_to_four_chips_is_refused_when_neurons_are_placed_there()
    {
        var wrec = new int[5, 5];
        for (var j = 1; j < 5; j++) wrec[0, j] = 1;
        var e = Assert.Throws<MappingException>(() => DynapseMapper.Map(new MapRequest(new int[1, 5], wrec) { NeuronIds = [1, 2, 1030, 2060, 3090] }));
        Assert.Contains("fan-out: neuron 1 (chip 0, core 0) sends to 4 chips", Assert.Single(e.Problems));
        Assert.NotNull(DynapseMapper.Map(new MapRequest(new int[1, 5], wrec) { NeuronIds = [1, 2, 1030, 2060, 3090], Monitored = false }));
    }

    private static int[,] Ones(int rows, int cols)
    {
        var m = new int[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) m[i, j] = 1;
        return m;
    }
}
