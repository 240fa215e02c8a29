using System.Text.Json;
using EventSpike.Host.Cli;
using Xunit;

namespace EventSpike.Gpu.Tests;

/// <summary><c>run --device</c> and <c>bench microcircuit --device</c> on ILGPU's CPU accelerator: the CPU's outputs, or exit 2 naming what is refused.</summary>
public class ResidentCommandTests
{
    private const string Network = """
        {"name": "pair", "dt": 0.0001, "duration": 0.012, "seed": 5,
         "layers": [
           {"name": "E", "type": "iaf_psc_exp", "size": 120, "params": {"v_init_mean": -0.056, "v_init_std": 0.004, "drive_rate": 8000, "drive_weight": 0.0012}},
           {"name": "I", "type": "iaf_psc_exp", "size": 30, "params": {"drive_rate": 7000, "drive_weight": 0.0012}}],
         "connections": [
           {"from": "E", "to": "I", "delay": {"mean": 0.0006, "std": 0.0003}, "weights": {"generator": "bernoulli", "p": 0.2, "weight": {"mean": 0.001, "std": 0.0002}}},
           {"from": "I", "to": "E", "port": "inh", "delay": {"low": 0.0001, "high": 0.0005}, "weights": {"generator": "bernoulli", "p": 0.3, "weight": {"mean": -0.002, "std": 0.0003}}},
           {"from": "E", "to": "E", "delay": 0.0002, "weights": {"generator": "bernoulli", "p": 0.05, "weight": 0.0004}}]}
        """;

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "es-resident-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Run_with_device_writes_the_cpu_run_s_spikes_csv_byte_for_byte()
    {
        var dir = Folder();
        var net = Path.Combine(dir, "pair.json");
        File.WriteAllText(net, Network);
        var cpu = Cli("run", net, "--out", Path.Combine(dir, "cpu"), "--threads", "1", "--no-plot");
        Assert.True(cpu.Code == 0, cpu.Err);
        var gpu = Cli("run", net, "--out", Path.Combine(dir, "gpu"), "--device", "ilgpu-cpu", "--no-plot");
        Assert.True(gpu.Code == 0, gpu.Err);
        var expected = File.ReadAllBytes(Path.Combine(dir, "cpu", "spikes.csv"));
        Assert.True(expected.Length > 2000, $"spikes.csv has {expected.Length} bytes");
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(dir, "gpu", "spikes.csv")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Run_with_device_refuses_what_it_cannot_take_with_exit_2_before_writing_anything()
    {
        var dir = Folder();
        var net = Path.Combine(dir, "mixed.json");
        File.WriteAllText(net, Network.Replace("""{"name": "I", "type": "iaf_psc_exp", "size": 30, "params": {"drive_rate": 7000, "drive_weight": 0.0012}}""",
            """{"name": "I", "type": "LIF", "size": 30, "params": {}}""").Replace(""", "port": "inh" """, " "));
        var refused = Cli("run", net, "--out", Path.Combine(dir, "out"), "--device", "ilgpu-cpu");
        Assert.Equal(2, refused.Code);
        Assert.Contains("layer 'I' (LIF)", refused.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        File.WriteAllText(net, Network);
        var realtime = Cli("run", net, "--out", Path.Combine(dir, "out"), "--device", "ilgpu-cpu", "--realtime");
        Assert.Equal(2, realtime.Code);
        Assert.Contains("--realtime", realtime.Err);
        var unknown = Cli("run", net, "--out", Path.Combine(dir, "out"), "--device", "tpu");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown --device tpu", unknown.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Bench_microcircuit_on_the_device_gives_the_cpu_bench_s_spikes_and_rates()
    {
        // --v0 original: NEST's optimized V(0) (the bench's default since pd14-speed) keeps the first 10 ms nearly silent.
        string[] Args(params string[] more) => ["bench", "microcircuit", "--scale", "0.01", "--duration", "0.008", "--transient", "0.002", "--threads", "1", "--v0", "original", .. more];
        var cpu = Cli(Args());
        Assert.True(cpu.Code == 0, cpu.Err);
        var gpu = Cli(Args("--device", "ilgpu-cpu"));
        Assert.True(gpu.Code == 0, gpu.Err);
        using var c = JsonDocument.Parse(cpu.Out);
        using var g = JsonDocument.Parse(gpu.Out);
        Assert.Equal("ilgpu-cpu", g.RootElement.GetProperty("device").GetString());
        Assert.Equal("resident", g.RootElement.GetProperty("runtime").GetString());
        Assert.True(c.RootElement.GetProperty("spikes").GetInt64() > 10);
        foreach (var field in new[] { "spikes", "synaptic_events", "duration_s" })
            Assert.Equal(c.RootElement.GetProperty(field).GetRawText(), g.RootElement.GetProperty(field).GetRawText());
        Assert.Equal(c.RootElement.GetProperty("populations").GetRawText(), g.RootElement.GetProperty("populations").GetRawText());
    }
}
