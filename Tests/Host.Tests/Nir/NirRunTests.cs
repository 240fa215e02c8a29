using System.Text.Json;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary><c>eventspike run MODEL.nir</c> on the example graphs other frameworks wrote (docs/nir.md).</summary>
public class NirRunTests
{
    private const double Dt = 1e-4;

    [SkippableFact]
    public void Lif_norse_spikes_at_the_steps_of_the_exact_solution_at_dt_0_1_ms()
    {
        var exact = NirData.Trace("lif_exact.csv");
        var norse = NirData.Trace("lif_norse.csv");
        var input = NirData.Spikes(Enumerable.Range(0, exact.Length).Where(k => exact[k][0] == 1).Select(k => (k, 0)), 1, exact.Length * Dt, Dt);
        var dir = TempDir();
        var (code, _, err) = Run("run", NirData.Path("lif_norse.nir"), "--dt", "0.0001", "--input", "input=" + input, "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        var expected = Enumerable.Range(0, exact.Length).Where(k => exact[k][2] == 1).Select(k => (long)k).ToList();
        Assert.True(expected.Count >= 4, "the reference has spikes to compare");
        var spikes = NirData.ReadSpikes(dir, Dt);
        Assert.Equal(expected, spikes.Where(s => s.Layer == "1").Select(s => s.Step).ToList());
        Assert.Equal(expected, Enumerable.Range(0, norse.Length).Where(k => norse[k][2] == 1).Select(k => (long)k).ToList()); // Norse agrees too
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal(["input", "1", "output"], summary.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()!));
    }

    [SkippableFact]
    public void Two_lif_neurons_fires_by_itself_every_180_steps_and_the_second_never()
    {
        // lif1: v_leak 1.2, τ 10 ms, threshold 1, from v = 0: v(t) = 1.2·(1 − e^(−t/τ)) reaches 1 at t = τ·ln 6 = 17.92 ms, inside step 179.
        var dir = TempDir();
        var (code, _, err) = Run("run", NirData.Path("two_lif_neurons.nir"), "--dt", "0.0001", "--duration", "0.1", "--out", dir, "--no-plot");
        Assert.True(code == 0, err);
        var spikes = NirData.ReadSpikes(dir, Dt);
        Assert.Equal(new long[] { 179, 359, 539, 719, 899 }, spikes.Where(s => s.Layer == "lif1").Select(s => s.Step));
        Assert.DoesNotContain(spikes, s => s.Layer == "lif2");
    }

    [SkippableTheory]
    [InlineData("braille_noDelay_bias_zero", "zero")]
    [InlineData("braille_noDelay_noBias_subtract", "subtract")]
    public void Braille_flat_and_subgraph_files_give_the_same_spikes_under_outer_dot_inner_names(string name, string reset)
    {
        var input = NirData.Spikes(Enumerable.Range(0, 400).SelectMany(k => Enumerable.Range(0, 12).Where(c => (k * 7 + c * 5) % 11 < 3).Select(c => (k, c))), 12, 0.04, Dt);
        var flat = TempDir();
        var nested = TempDir();
        var (code, _, err) = Run("run", NirData.Path(name + ".nir"), "--dt", "0.0001", "--input", "input=" + input, "--out", flat, "--no-plot", "--nir-reset", reset, "--nir-method", "euler");
        Assert.True(code == 0, err);
        Assert.Contains("lif1.lif → lif1.lif closes a cycle", err);
        var warnings = JsonDocument.Parse(File.ReadAllText(Path.Combine(flat, "summary.json"))).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!);
        Assert.Contains(warnings, w => w.Contains("lif1.lif → lif1.lif closes a cycle")); // the summary says which edges
        (code, _, err) = Run("run", NirData.Path(name + "_subgraph.nir"), "--dt", "0.0001", "--input", "input=" + input, "--out", nested, "--no-plot", "--nir-reset", reset, "--nir-method", "euler");
        Assert.True(code == 0, err);
        Assert.Contains("edge names 'lif1.lif', which is no node; taken as 'lif1.lif1'", err); // the dangling edge real exporters write
        var a = NirData.ReadSpikes(flat, Dt);
        var b = NirData.ReadSpikes(nested, Dt).Select(s => s with { Layer = s.Layer == "lif1.lif1" ? "lif1.lif" : s.Layer }).ToList();
        Assert.True(a.Count(s => s.Layer == "lif1.lif") > 10 && a.Any(s => s.Layer == "lif2"), $"the input drives both layers ({a.Count} spikes)");
        Assert.Equal(a, b);
    }

    [SkippableFact]
    public void The_sinabs_cnn_loads_and_runs_its_convolutions_and_pools()
    {
        var input = NirData.Spikes(Enumerable.Range(0, 50).SelectMany(k => Enumerable.Range(0, 2 * 34 * 34).Where(c => (k * 31 + c * 17) % 23 == 0).Select(c => (k, c))), 2 * 34 * 34, 0.005, Dt);
        var dir = TempDir();
        var (code, _, err) = Run("run", NirData.Path("cnn_sinabs.nir"), "--dt", "0.0001", "--input", "input=" + input, "--out", dir, "--no-plot", "--nir-spikes", "delta");
        Assert.True(code == 0, err);
        var layers = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.GetProperty("layers").EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => (Size: l.GetProperty("size").GetInt32(), Spikes: l.GetProperty("spikes").GetInt64()));
        Assert.Equal(["input", "1", "3", "6", "10", "12", "output"], layers.Keys);
        Assert.Equal([2312, 4096, 4096, 512, 256, 10, 10], layers.Values.Select(v => v.Size));
        Assert.True(layers["1"].Spikes > 0, "the first convolution's neurons fire");
    }
}
