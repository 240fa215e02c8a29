using Xunit;
using EventSpike.Neurons.Energy;

namespace EventSpike.Neurons.Tests.Energy;

public class EnergySummaryTests
{
    private static ModelEnergy Model() => new(
    [
        new EnergyLayer("input_1", "InputLayer", "(None, 784)", 0, LayerStats.Zero, Rate: 0.5),
        new EnergyLayer("dense", "Dense", "(None, 128)", 100_480, KerasLayerStats.Dense(784, 128, "relu"), Rate: 0.5),
        new EnergyLayer("spiking", "SpikingActivation", "(None, 128)", 0, KerasLayerStats.SpikingActivation(128), Rate: 12.25),
    ]);

    [Fact]
    public void The_table_follows_the_documented_layout()
    {
        var text = Model().SummaryString(["name", "params", "rate", "connections", "neurons", "energy cpu", "energy loihi"], lineLength: 98);
        var lines = text.Split('\n');
        // Widths: usable = 98 − 7 + 1 = 92, base 13; longest cells 27, 7, 9, 6, 8, 11, 13 (Σ 81 < 92): every column
        // grows to its longest cell.
        Assert.Equal("Layer (type)               |Param #|Rate [Hz]|Conn #|Neuron #|J/inf (cpu)|J/inf (loihi)", lines[0]);
        Assert.Equal("---------------------------|-------|---------|------|--------|-----------|-------------", lines[1]);
        Assert.Equal("input_1 (InputLayer)       |      0|      0.5|     0|       0|          0|            0", lines[2]);
        Assert.Equal("dense (Dense)              | 100480|      0.5|100352|     128|    0.00086|      1.2e-08", lines[3]);
        Assert.Equal("spiking (SpikingActivation)|      0|       12|     0|     128|    1.1e-06|        1e-08", lines[4]);
        Assert.Equal(new string('=', lines[0].Length), lines[5]);
        Assert.Equal("Total energy per inference [Joules/inf] (cpu): 8.65e-04", lines[6]);
        Assert.Equal("Total energy per inference [Joules/inf] (loihi): 2.21e-08", lines[7]);
        Assert.StartsWith("* These are estimates only;", lines[8]);
        Assert.All(lines.Skip(8), l => Assert.True(l.Length <= 98, l));
        Assert.Contains(lines.Skip(9), l => l.StartsWith("* This model contains non-spiking activations", StringComparison.Ordinal));
        Assert.All(lines.Skip(9).Where(l => !l.StartsWith('*')), l => Assert.StartsWith("  ", l));
    }

    [Fact]
    public void Narrow_lines_cut_columns_and_grow_the_most_starved_first()
    {
        var headers = new[] { "aaaa", "b" };
        var rows = new List<List<string>> { new() { "aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbb" } };
        // usable = 20 − 2 + 1 = 19, base 9: w = [9, 9] (Σ 18 < 19); ratios 11/9 vs 1/9: the first grows.
        Assert.Equal([10, 9], EnergySummary.Widths(headers, rows, 20));
    }

    [Fact]
    public void Unknown_columns_are_refused_and_an_all_spiking_model_has_no_conversion_warning()
    {
        Assert.StartsWith("Unknown column type 'colour'", Assert.Throws<ArgumentException>(() => Model().SummaryString(["name", "colour"])).Message);
        var spiking = new ModelEnergy([new EnergyLayer("s", "SpikingActivation", "(None, 4)", 0, KerasLayerStats.SpikingActivation(4), Rate: 1)]);
        var text = spiking.SummaryString(["name", "energy loihi"]);
        Assert.Contains("* These are estimates only", text);
        Assert.DoesNotContain("non-spiking", text);
    }
}
