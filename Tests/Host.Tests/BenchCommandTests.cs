using System.Text.Json;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Models.Zoo;
using EventSpike.Neurons.Random;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class BenchCommandTests
{
    private static readonly string[] ContractFields =
    [
        "bench", "neurons", "synapses", "duration_s", "wall_s", "build_s", "spikes", "mean_rate_hz",
        "realtime_factor", "bytes_per_synapse", "threads", "device",
    ];

    /// <summary>Runs a bench, checks it printed exactly one JSON line with every contract field, and returns it.</summary>
    private static JsonElement Bench(params string[] args)
    {
        var (code, stdout, stderr) = Run(["bench", .. args]);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        using var doc = JsonDocument.Parse(lines[0]);
        var root = doc.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        foreach (var field in ContractFields) Assert.True(root.TryGetProperty(field, out _), $"'{field}' missing from {lines[0]}");
        Assert.Equal(args[0], root.GetProperty("bench").GetString());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.True(root.GetProperty("wall_s").GetDouble() > 0);
        var duration = root.GetProperty("duration_s").GetDouble();
        var ratio = root.GetProperty("wall_s").GetDouble() / duration;
        var realtime = root.GetProperty("realtime_factor").GetDouble();
        // wall_s and realtime_factor are each rounded to 4 places.
        Assert.True(Math.Abs(ratio - realtime) <= 1e-4 / duration + 1e-4, $"realtime_factor {realtime}, wall_s/duration_s {ratio}");
        return root;
    }

    [Fact]
    public void Cuba_prints_one_line_with_the_contract_fields_and_the_plain_loop_agrees()
    {
        var actors = Bench("cuba", "--scale", "0.1", "--duration", "0.05");
        Assert.Equal(400, actors.GetProperty("neurons").GetInt64());
        Assert.Equal(0.05, actors.GetProperty("duration_s").GetDouble(), 12);
        Assert.True(actors.GetProperty("spikes").GetInt64() > 0);
        Assert.True(actors.GetProperty("bytes_per_synapse").GetDouble() is > 0 and <= 9);
        Assert.Equal("events", actors.GetProperty("synaptic_ops_basis").GetString());

        var plain = Bench("cuba", "--scale", "0.1", "--duration", "0.05", "--plain");
        Assert.Equal("plain-loop", plain.GetProperty("runtime").GetString());
        Assert.Equal(actors.GetProperty("spikes").GetInt64(), plain.GetProperty("spikes").GetInt64());
        Assert.Equal(actors.GetProperty("synaptic_ops").GetInt64(), plain.GetProperty("synaptic_ops").GetInt64());
        // The counts are the backends' (what run --energy uses): events delivered, and every neuron of every layer each step.
        Assert.Equal(actors.GetProperty("synaptic_events").GetInt64(), actors.GetProperty("synaptic_ops").GetInt64());
        Assert.True(actors.GetProperty("synaptic_events").GetInt64() > 0);
        Assert.Equal(actors.GetProperty("neuron_updates").GetInt64(), plain.GetProperty("neuron_updates").GetInt64());
        // The actors' loop CPU covers wall_s only, a part of the run's span (making and stopping the actors left out).
        Assert.True(actors.GetProperty("loop_cpu_s").GetDouble() > 0);
        Assert.True(actors.GetProperty("loop_cpu_s").GetDouble() <= actors.GetProperty("run_cpu_s").GetDouble() + 1e-3,
            $"loop_cpu_s {actors.GetProperty("loop_cpu_s")} above run_cpu_s {actors.GetProperty("run_cpu_s")}");
        // What the JIT compiled while the run was measured (tiering goes on in the background after start-up).
        foreach (var line in new[] { actors, plain })
        {
            Assert.True(line.GetProperty("run_jit_s").GetDouble() >= 0);
            Assert.True(line.GetProperty("run_jit_methods").GetInt64() >= 0);
        }
    }

    [Fact]
    public void Dense_counts_weights_times_batch_and_the_plain_loop_and_two_threads_agree()
    {
        var actors = Bench("dense", "--batch", "2", "--duration", "0.02");
        Assert.Equal(2, actors.GetProperty("batch").GetInt32());
        Assert.Equal(2 * (128 + 10), actors.GetProperty("neurons").GetInt64());
        Assert.Equal(2 * 784, actors.GetProperty("input_channels").GetInt64());
        Assert.Equal(2L * (784 * 128 + 128 * 10), actors.GetProperty("synapses").GetInt64());
        Assert.Equal("weights_x_batch", actors.GetProperty("synapses_counted").GetString());
        Assert.Equal(784 * 128 + 128 * 10, actors.GetProperty("weights_stored").GetInt64());
        Assert.Equal(0.02, actors.GetProperty("duration_s").GetDouble(), 12);
        Assert.Equal(20 * actors.GetProperty("synapses").GetInt64(), actors.GetProperty("synaptic_ops").GetInt64());
        Assert.True(actors.GetProperty("spikes").GetInt64() > 0);

        var plain = Bench("dense", "--batch", "2", "--duration", "0.02", "--plain");
        Assert.Equal(actors.GetProperty("spikes").GetInt64(), plain.GetProperty("spikes").GetInt64());
        var split = Bench("dense", "--batch", "2", "--duration", "0.02", "--plain", "--threads", "2");
        Assert.Equal(actors.GetProperty("spikes").GetInt64(), split.GetProperty("spikes").GetInt64());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("cuba", "--frobnicate", "1")]
    [InlineData("cuba", "--batch", "4")]
    [InlineData("dense", "--batch", "0")]
    [InlineData("dense", "--scale", "-1")]
    [InlineData("cuba", "--device", "cuda")]
    [InlineData("cuba", "extra")]
    public void Bad_names_and_options_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(["bench", .. args]);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_batched_dense_sample_matches_SpikingActivation_fed_with_x_times_W()
    {
        const int inputs = 7, units = 5, batch = 3;
        const double dt = 1e-3;
        var rng = new Xoshiro256StarStar(11);
        var w = new DenseMatrix(inputs, units, Enumerable.Range(0, inputs * units).Select(_ => rng.NextUniform(-1, 1)).ToArray());
        var layer = new BatchedSpikingDense(w, batch, dt, PortKind.Current, block => StreamSeed.Generator(5, "test", block));
        var v0 = layer.GetState("v");
        var reference = Enumerable.Range(0, batch).Select(b => new SpikingActivation("SpikingActivation", units, dt,
            LayerParameters.From(("activation", "relu"), ("initial_state", v0.Skip(b * units).Take(units).ToArray())),
            block => StreamSeed.Generator(5, "unused", block))).ToArray();
        var y = new double[units];
        for (var step = 0L; step < 50; step++)
        {
            var x = Enumerable.Range(0, batch * inputs).Select(_ => 3000 * rng.NextDouble() - 1000).ToArray();
            var spikes = new List<int>();
            layer.Step(step, [x], spikes);
            var expected = new List<int>();
            for (var b = 0; b < batch; b++)
            {
                w.VecMat(x.AsSpan(b * inputs, inputs), y);
                var part = new List<int>();
                reference[b].Step(step, [(double[])y.Clone()], part);
                expected.AddRange(part.Select(j => b * units + j));
            }
            Assert.Equal(expected, spikes);
        }
        Assert.Equal(reference.SelectMany(r => r.V), layer.V);
    }

    [Fact]
    public void The_cuba_bench_on_ILGPU_s_CPU_accelerator_gives_the_CPU_spikes_and_cuda_without_a_GPU_is_exit_2()
    {
        var cpu = HostRunner.Run("bench", "cuba", "--scale", "0.05", "--duration", "0.01");
        var accelerated = HostRunner.Run("bench", "cuba", "--scale", "0.05", "--duration", "0.01", "--device", "ilgpu-cpu");
        Assert.Equal(0, cpu.Code);
        Assert.True(accelerated.Code == 0, accelerated.Err);
        using var a = System.Text.Json.JsonDocument.Parse(cpu.Out);
        using var b = System.Text.Json.JsonDocument.Parse(accelerated.Out);
        Assert.Equal(a.RootElement.GetProperty("spikes").GetInt64(), b.RootElement.GetProperty("spikes").GetInt64());
        Assert.Equal("ilgpu-cpu", b.RootElement.GetProperty("device").GetString());
        var cuda = HostRunner.Run("bench", "cuba", "--scale", "0.05", "--duration", "0.01", "--device", "cuda");
        if (cuda.Code != 0)
        {
            Assert.Equal(2, cuda.Code);
            Assert.Contains("no CUDA device", cuda.Err);
        }
    }

    /// <summary>EVENTSPIKE_DELAY_RINGS (the delay rings' layout, for side-by-side runs) with an unknown value: exit 2 naming it, before any build.</summary>
    [Fact]
    public async Task An_unknown_delay_ring_layout_in_the_environment_is_bad_input()
    {
        using var p = ClusterProcesses.StartIn(null, new Dictionary<string, string> { [Neurons.Runtime.DelayRing.LayoutVariable] = "bogus" },
            "bench", "microcircuit", "--scale", "0.02", "--duration", "0.01", "--transient", "0.01");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("EVENTSPIKE_DELAY_RINGS='bogus': expected auto, dense or queued", err);
        Assert.DoesNotContain("building", err);
        Assert.Equal("", await stdout);
    }
}
