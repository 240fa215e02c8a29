using System.Text.Json;
using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class InspectTests
{
    [Fact]
    public void Inspect_json_describes_an_npz_series_on_one_line_and_plots_it()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "events.npz");
        new TSEvent([0.1, 0.2, 0.25], [0, 3, 1], tStart: 0, tStop: 0.5, name: "ev", numChannels: 4).Save(path);
        var png = Path.Combine(dir, "events.png");
        var (code, stdout, err) = Run("inspect", path, "--json", "--plot", png);
        Assert.True(code == 0, err);
        Assert.Single(stdout.Trim().Split('\n'));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("TSEvent", root.GetProperty("str_type").GetString());
        Assert.Equal(4, root.GetProperty("num_channels").GetInt32());
        Assert.Equal(0.0, root.GetProperty("t_start").GetDouble());
        Assert.Equal(0.5, root.GetProperty("t_stop").GetDouble());
        Assert.Equal(3, root.GetProperty("events").GetInt32());
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 5000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void Inspect_json_lists_a_network_s_layers()
    {
        var (code, stdout, err) = Run("inspect", Example("reservoir.json"), "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal("network", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["input", "reservoir", "readout"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([100, 1000, 10], layers.Select(l => l.GetProperty("size").GetInt32()));
    }

    [Fact]
    public void Inspect_refuses_bad_files_with_exit_2()
    {
        var bad = Path.Combine(TempDir(), "bad.npz");
        File.WriteAllBytes(bad, [1, 2, 3, 4]);
        var (code, _, err) = Run("inspect", bad, "--json");
        Assert.Equal(2, code);
        Assert.Contains(bad, err);
        Assert.Equal(2, Run("inspect", "/nonexistent.npz").Code);
    }

    [Fact]
    public void Inspect_of_a_network_prints_every_parameter_with_its_default_readably()
    {
        var (code, stdout, err) = Run("inspect", Example("reservoir.json"));
        Assert.True(code == 0, err);
        Assert.Contains("  - name: reservoir", stdout);
        Assert.Contains("      tau_mem: 0.02", stdout);      // a default the file does not give
        Assert.Contains("ports: none (a source)", stdout);
        Assert.Contains("(1000 values)]", stdout);           // a per-neuron list shortened
        Assert.DoesNotContain("{\"", stdout);                // no inline JSON objects
    }

    [Fact]
    public void Inspect_of_a_run_folder_or_its_summary_describes_the_run()
    {
        var dir = TempDir();
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.2", "--out", dir, "--no-plot").Code);
        var (code, stdout, err) = Run("inspect", dir, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("run", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal(0.2, doc.RootElement.GetProperty("duration_s").GetDouble(), 9);
        Assert.Equal(["input", "reservoir", "readout"], doc.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Contains("spikes.csv", doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var summary = Run("inspect", Path.Combine(dir, "summary.json"));
        Assert.True(summary.Code == 0, summary.Err);
        Assert.Contains("kind: run", summary.Out);
        Assert.Contains("× real time", summary.Out);
        var empty = Run("inspect", TempDir());
        Assert.Equal(2, empty.Code);
        Assert.Contains("without summary.json", empty.Err);
    }
}
