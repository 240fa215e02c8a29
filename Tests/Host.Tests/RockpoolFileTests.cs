using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>Rockpool's saved layouts run as they are: Network.save chains and single save_layer dicts.</summary>
public class RockpoolFileTests
{
    private const string Chain = """
        {"layers": [
          {"class_name": "FFIAFSpkInTorch", "name": "iaf", "weights": [[0.02, 0.0, 0.01], [0.0, 0.02, 0.01]], "bias": 0.0, "dt": 0.001,
           "noise_std": 0.0, "tau_mem": 0.02, "tau_syn": 0.02, "v_thresh": -0.055, "v_reset": -0.065, "v_rest": -0.065,
           "record": false, "max_num_timesteps": 400, "external_input": true},
          {"class_name": "FFExpSyn", "name": "readout", "weights": [[1.0], [0.5], [0.25]], "bias": 0.0, "dt": 0.001, "noise_std": 0.0,
           "tau_syn": 0.005, "add_events": true, "pre_layer_name": "iaf", "external_input": false}
         ],
         "input_layer_name": "iaf"}
        """;

    private static (string Net, string Input) Files(string network)
    {
        var dir = TempDir();
        var net = Path.Combine(dir, "net.json");
        File.WriteAllText(net, network);
        var times = Enumerable.Range(0, 100).Select(i => 0.001 + 0.002 * i).ToArray();
        var input = Path.Combine(dir, "in.npz");
        new TSEvent(times, times.Select((_, i) => i % 2).ToArray(), tStart: 0, tStop: 0.2, numChannels: 2).Save(input);
        return (net, input);
    }

    [Fact]
    public void A_Network_save_chain_runs_with_its_external_input()
    {
        var (net, input) = Files(Chain);
        var dir = TempDir();
        var (code, _, err) = Run("run", net, "--input", $"iaf={input}", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        var iaf = TSEvent.Load(Path.Combine(dir, "iaf.npz"));
        Assert.Equal(3, iaf.NumChannels);
        Assert.True(iaf.Count > 10);
        var readout = TSContinuous.Load(Path.Combine(dir, "readout.npz"));
        Assert.Equal(200, readout.Count); // duration from the input's t_stop, 1 ms steps
        Assert.Equal(1, readout.NumChannels);
        Assert.True(readout.Max > 0);
    }

    [Fact]
    public void A_single_save_layer_dict_runs_alone()
    {
        var single = """
            {"class_name": "RecLIFJax", "name": "lif", "w_recurrent": [[0, 0.5], [0.5, 0]], "tau_mem": 0.02, "tau_syn": 0.01,
             "bias": 0.0, "noise_std": 0.0, "dt": 0.001}
            """;
        var (net, input) = Files(single);
        var dir = TempDir();
        var (code, _, err) = Run("run", net, "--input", $"lif={input}", "--duration", "0.1", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "lif.npz")));
    }

    [Fact]
    public void Without_duration_or_input_the_run_is_refused()
    {
        var (net, _) = Files(Chain);
        var (code, _, err) = Run("run", net, "--out", TempDir());
        Assert.Equal(2, code);
        Assert.Contains("has no duration", err);
    }
}
