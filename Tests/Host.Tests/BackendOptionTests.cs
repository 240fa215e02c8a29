using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>Choosing what computes a layer: a layer's "backend" in the network file and the run's --backend.</summary>
public class BackendOptionTests
{
    private const string Cuba = """
        {
          "dt": 0.0001, "duration": 0.05, "seed": 3,
          "layers": [
            { "name": "drive", "type": "PoissonSource", "size": 40, "params": { "rate": 400 } },
            { "name": "exc", "type": "iaf_psc_exp", "size": 100, "params": { "v_init": [-0.07, -0.055] }BACKEND },
            { "name": "out", "type": "LIF", "size": 10 }
          ],
          "connections": [
            { "from": "drive", "to": "exc", "weights": { "generator": "bernoulli", "p": 0.3, "weight": 0.004 } },
            { "from": "exc", "to": "out", "delay": 0.001, "weights": { "generator": "bernoulli", "p": 0.2, "weight": 0.002 } }
          ]
        }
        """;

    private static string Network(string backend = "", string? outBackend = null)
    {
        var json = Cuba.Replace("BACKEND", backend);
        if (outBackend is not null) json = json.Replace("\"size\": 10 }", $"\"size\": 10, \"backend\": \"{outBackend}\" }}");
        var path = Path.Combine(TempDir(), "cuba.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static byte[] Spikes(params string[] args)
    {
        var dir = TempDir();
        var r = Run(["run", .. args, "--out", dir, "--no-plot"]);
        Assert.True(r.Code == 0, r.Err);
        return File.ReadAllBytes(Path.Combine(dir, "spikes.csv"));
    }

    [Fact]
    public void The_gpu_backend_chosen_by_the_file_or_the_run_gives_the_cpu_spikes_byte_for_byte()
    {
        var cpu = Spikes(Network());
        Assert.True(cpu.Length > 1000);
        Assert.Equal(cpu, Spikes(Network(""", "backend": "ilgpu-cpu" """)));
        Assert.Equal(cpu, Spikes(Network(), "--backend", "ilgpu-cpu"));
    }

    [Theory]
    [InlineData("cuda", "layer 'out' (LIF): backend 'cuda' cannot run it")]
    [InlineData("nowhere", "unknown backend 'nowhere'; known: cpu, cuda, dynapse, ilgpu-cpu")]
    public void A_layer_on_a_backend_that_cannot_run_it_is_exit_2_naming_the_layer_and_nothing_is_written(string backend, string message)
    {
        var dir = TempDir();
        var path = Network(outBackend: backend);
        var r = Run("run", path, "--out", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains(path, r.Err);
        Assert.Contains(message, r.Err);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void An_unknown_run_backend_is_exit_2()
    {
        var r = Run("run", Network(), "--out", TempDir(), "--backend", "tpu");
        Assert.Equal(2, r.Code);
        Assert.Contains("unknown backend 'tpu'", r.Err);
    }

    [Fact]
    public void The_summary_counts_synaptic_events_and_neuron_updates_per_layer()
    {
        var dir = TempDir();
        Assert.Equal(0, Run("run", Network(), "--out", dir, "--no-plot").Code);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var layers = summary.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(40L * 500, layers[0].GetProperty("neuron_updates").GetInt64());
        Assert.Equal(100L * 500, layers[1].GetProperty("neuron_updates").GetInt64());
        Assert.Equal(0, layers[0].GetProperty("synaptic_events").GetInt64());
        Assert.True(layers[1].GetProperty("synaptic_events").GetInt64() > 1000);
    }
}
