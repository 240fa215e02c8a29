using System.Globalization;
using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class ProbeTests
{
    private const string Net = """
        {
          "dt": 0.0001, "duration": 0.05, "seed": 1,
          "layers": [ { "name": "lif", "type": "LIF", "size": 3, "params": { "bias": [0.8, 0.5, 0.3], "v_rest": 0, "v_reset": 0, "v_thresh": 1 } } ],
          "record": [],
          "probes": [ { "layer": "lif", "variable": "v_mem", "neurons": [0, 2], "interval": 0.001 } ]
        }
        """;

    [Fact]
    public void A_probe_records_the_membrane_at_its_interval_as_npz_and_csv()
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, Net);
        var dir = TempDir();
        var (code, _, err) = Run("run", path, "--out", dir, "--no-plot");
        Assert.True(code == 0, err);

        var series = TSContinuous.Load(Path.Combine(dir, "lif.v_mem.npz"));
        Assert.Equal(2, series.NumChannels);
        Assert.Equal(50, series.Count); // every 1 ms for 50 ms
        for (var i = 0; i < series.Count; i++)
        {
            var t = series.Times[i];
            Assert.Equal((i + 1) * 0.001, t, 12);
            Assert.Equal(0.8 * (1 - Math.Exp(-t / 0.02)), series.SampleAt(i, 0), 12);
            Assert.Equal(0.3 * (1 - Math.Exp(-t / 0.02)), series.SampleAt(i, 1), 12);
        }
        var csv = File.ReadAllLines(Path.Combine(dir, "lif.v_mem.csv"));
        Assert.Equal("time_s,n0,n2", csv[0]);
        Assert.Equal(51, csv.Length);
        var first = csv[1].Split(',');
        Assert.Equal("0.001", first[0]);
        Assert.Equal(0.8 * (1 - Math.Exp(-0.001 / 0.02)), double.Parse(first[1], CultureInfo.InvariantCulture), 15);
        Assert.Equal(["time_s,layer,neuron"], File.ReadAllLines(Path.Combine(dir, "spikes.csv")));
    }

    [Fact]
    public void A_probe_of_an_unknown_variable_is_refused_naming_the_known_ones()
    {
        var path = Path.Combine(TempDir(), "net.json");
        File.WriteAllText(path, Net.Replace("\"v_mem\"", "\"v\""));
        var (code, _, err) = Run("run", path, "--out", TempDir());
        Assert.Equal(2, code);
        Assert.Contains("probes[0]: layer 'lif' (LIF) has no state variable 'v'; it has v_mem, i_syn, refractory_left", err);
    }
}
