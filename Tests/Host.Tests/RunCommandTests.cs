using System.Text.Json;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class RunCommandTests
{
    [Fact]
    public void The_example_produces_spikes_in_every_layer_and_the_contract_files()
    {
        var dir = TempDir();
        var (code, stdout, stderr) = Run("run", Example("reservoir.json"), "--duration", "0.3", "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("0.3 s simulated", stdout);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("reservoir", root.GetProperty("network").GetString());
        Assert.Equal(1e-4, root.GetProperty("dt").GetDouble());
        Assert.Equal(0.3, root.GetProperty("duration_s").GetDouble(), 12);
        Assert.Equal(1UL, root.GetProperty("seed").GetUInt64());
        Assert.True(root.GetProperty("wall_s").GetDouble() > 0);
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["input", "reservoir", "readout"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([100, 1000, 10], layers.Select(l => l.GetProperty("size").GetInt32()));

        var rows = File.ReadAllLines(Path.Combine(dir, "spikes.csv"));
        Assert.Equal("time_s,layer,neuron", rows[0]);
        var spikes = rows.Skip(1).Select(r => r.Split(',')).Select(f => (Time: double.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), Layer: f[1], Neuron: int.Parse(f[2]))).ToList();
        long total = 0;
        foreach (var layer in layers)
        {
            var name = layer.GetProperty("name").GetString();
            var count = layer.GetProperty("spikes").GetInt64();
            Assert.True(count > 0, $"{name} is silent");
            Assert.Equal(count, spikes.Count(s => s.Layer == name));
            Assert.Equal(count / (layer.GetProperty("size").GetInt32() * 0.3), layer.GetProperty("mean_rate_hz").GetDouble(), 4);
            total += count;
        }
        Assert.Equal(total, root.GetProperty("total_spikes").GetInt64());
        var reservoirRate = layers[1].GetProperty("mean_rate_hz").GetDouble();
        Assert.InRange(reservoirRate, 1, 100);

        // Sorted by time, then layer order in the file, then neuron; times are whole steps in (0, n·dt].
        var order = new Dictionary<string, int> { ["input"] = 0, ["reservoir"] = 1, ["readout"] = 2 };
        var keys = spikes.Select(s => (Step: (long)Math.Round(s.Time / 1e-4), Layer: order[s.Layer], s.Neuron)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Step).ThenBy(k => k.Layer).ThenBy(k => k.Neuron), keys);
        Assert.All(spikes, s => Assert.InRange(s.Time, 1e-4, 0.3 + 1e-12));
        Assert.All(spikes, s => Assert.Equal(Math.Round(s.Time / 1e-4) * 1e-4, s.Time, 12));
        Assert.True(new FileInfo(Path.Combine(dir, "raster.png")).Length > 10_000);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_spikes_and_another_seed_differs()
    {
        var a = TempDir();
        var b = TempDir();
        var c = TempDir();
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.2", "--out", a, "--no-plot").Code);
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.2", "--out", b, "--no-plot", "--threads", "1").Code);
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.2", "--out", c, "--no-plot", "--seed", "2").Code);
        var first = File.ReadAllBytes(Path.Combine(a, "spikes.csv"));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(b, "spikes.csv")));
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(c, "spikes.csv")));
    }

    [Fact]
    public void A_shorter_run_is_a_prefix_of_a_longer_one()
    {
        var shortDir = TempDir();
        var longDir = TempDir();
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.1", "--out", shortDir, "--no-plot").Code);
        Assert.Equal(0, Run("run", Example("reservoir.json"), "--duration", "0.25", "--out", longDir, "--no-plot").Code);
        var shortRows = File.ReadAllLines(Path.Combine(shortDir, "spikes.csv"));
        var longRows = File.ReadAllLines(Path.Combine(longDir, "spikes.csv"))
            .Where((r, i) => i == 0 || double.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) <= 0.1 + 1e-12);
        Assert.Equal(shortRows, longRows);
    }
}
