using System.Diagnostics;
using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench microcircuit [--scale X] [--duration S] [--transient S] [--threads N] [--seed N] [--plain] [--v0 optimized|original] [--device cuda|ilgpu-cpu]</c>:
/// builds PD14 (<see cref="Microcircuit"/>), runs transient + duration simulated seconds through the actor runtime
/// (or a plain loop, or resident on an accelerator with <c>--device</c>: realtime_factor is then the steps' wall time,
/// the upload is <c>upload_s</c>) and prints one JSON line: build time, peak RSS, bytes per synapse, the real-time factor of the
/// whole run, and per population the mean rate and mean CV of the inter-spike intervals over the span after the
/// transient, with the rate's relative error against NEST's full-scale reference means.
/// </summary>
public static class MicrocircuitBench
{
    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var scale = a.Seconds("scale") ?? 1.0;
        if (scale > 1) throw new InputException($"bench microcircuit: --scale must lie in (0, 1], got {scale}");
        var measured = a.Seconds("duration") ?? 1.0;
        var transient = a.Value("transient") is null ? 0.5 : a.Seconds("transient") ?? 0.5;
        var threads = (int)(a.Integer("threads", 1) ?? 1);
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        var device = a.Value("device") ?? "cpu";
        var v0 = a.Value("v0") ?? "optimized";
        if (v0 is not ("optimized" or "original")) throw new InputException($"bench microcircuit: --v0 must be optimized or original, got '{v0}'");

        stderr.WriteLine($"bench microcircuit: building (scale {scale}) ...");
        var build = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var network = NetworkCompiler.Compile(Microcircuit.Create(scale, transient + measured, seed, v0 == "optimized"));
        var buildSeconds = build.Elapsed.TotalSeconds;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var synapses = network.SynapseCount;
        var tableBytes = network.Connections.Select(c => c.Synapses).Distinct().Sum(t => t.Bytes);
        stderr.WriteLine($"bench microcircuit: {network.Layers.Sum(l => l.Size):N0} neurons, {synapses:N0} synapses built in {buildSeconds:0.0} s " +
                         $"(RSS {Process.GetCurrentProcess().WorkingSet64 / 1e9:0.00} GB); running {transient + measured} s on {threads} thread(s) ...");

        var fromStep = (long)Math.Round(transient / network.Dt);
        var stats = new PopulationStats(network.Layers.Select(l => l.Size).ToList(), fromStep);
        double wall, compute = double.NaN;
        long steps;
        string runtime;
        double? upload = null;
        Neurons.Kernels.KernelPoolStatistics? poolStats = null;
        if (device != "cpu")
        {
            // The whole network resident on the device: rings, propagation and drive there, only spikes copied down.
            ResidentRun.Check(network, device, "bench microcircuit");
            using var accelerator = Gpu.AcceleratorDevice.Open(device);
            var r = Gpu.Resident.ResidentRunner.Run(network, accelerator, stats, cancel);
            if (r.Interrupted) return ExitCodes.Interrupted;
            (wall, steps, upload, runtime) = (r.WallSeconds, r.Steps, r.UploadSeconds, "resident");
        }
        else if (a.Flag("plain"))
        {
            using var pool = new Neurons.Kernels.KernelPool(threads);
            (_, wall) = PlainLoopRunner.Run(network, stats, pool);
            poolStats = pool.Statistics;
            steps = network.Plan.TotalSteps;
            runtime = "plain-loop";
        }
        else
        {
            var result = LocalRunner.RunAsync(network, stats, new RunOptions(Credit: (int)(a.Integer("credit", 1) ?? 4), Threads: threads), cancel)
                .GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                stderr.WriteLine($"bench microcircuit: run failed: {result.Failure}");
                return result.Interrupted ? ExitCodes.Interrupted : ExitCodes.RunFailed;
            }
            wall = result.WallSeconds;
            poolStats = result.Pool;
            steps = result.Completed!.Steps;
            compute = result.Completed.Layers.Sum(l => l.ComputeSeconds);
            runtime = "actors";
        }
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var line = Line(network, stats, scale, threads, runtime, buildSeconds, wall, compute, steps, transient, synapses, tableBytes);
        line["device"] = device;
        if (upload is { } u) line["upload_s"] = Math.Round(u, 3);
        // On a shared machine wall time says little: the CPU time the process got is the steadier figure.
        line["v0"] = v0;
        line["build_cpu_s"] = Math.Round((cpu1 - cpu0).TotalSeconds, 3);
        line["run_cpu_s"] = Math.Round((cpu2 - cpu1).TotalSeconds, 3);
        line["cpu_per_simulated_s"] = Math.Round((cpu2 - cpu1).TotalSeconds / (steps * network.Dt), 3);
        PoolFields.Add(line, poolStats, threads, steps * network.Dt);
        stdout.WriteLine(JsonSerializer.Serialize(line));
        return ExitCodes.Done;
    }

    private static Dictionary<string, object?> Line(CompiledNetwork network, PopulationStats stats, double scale, int threads, string runtime,
        double buildSeconds, double wall, double compute, long steps, double transient, long synapses, long tableBytes)
    {
        var simulated = steps * network.Dt;
        var span = simulated - transient;
        var populations = new List<Dictionary<string, object?>>();
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var rate = stats.Rate(i, span);
            var (cv, withCv) = stats.CvIsi(i);
            var reference = Microcircuit.ReferenceRates[i];
            populations.Add(new()
            {
                ["name"] = network.Layers[i].Name,
                ["size"] = network.Layers[i].Size,
                ["rate_hz"] = Math.Round(rate, 4),
                ["reference_hz"] = reference,
                ["rate_error"] = Math.Round((rate - reference) / reference, 4),
                ["cv_isi"] = double.IsNaN(cv) ? null : Math.Round(cv, 4),
                ["cv_neurons"] = withCv,
            });
        }
        long events = 0;
        foreach (var c in network.Connections)
        {
            var counts = stats.AllSpikes(c.From);
            var rows = c.Synapses.RowStart;
            for (var pre = 0; pre < counts.Length; pre++) events += counts[pre] * (rows[pre + 1] - rows[pre]);
        }
        using var self = Process.GetCurrentProcess();
        return new Dictionary<string, object?>
        {
            ["bench"] = "microcircuit",
            ["runtime"] = runtime,
            ["scale"] = scale,
            ["threads"] = threads,
            ["neurons"] = network.Layers.Sum(l => (long)l.Size),
            ["synapses"] = synapses,
            ["spikes"] = Enumerable.Range(0, network.Layers.Count).Sum(i => stats.AllSpikes(i).ToArray().Sum()),
            ["mean_rate_hz"] = Math.Round(Enumerable.Range(0, network.Layers.Count).Sum(i => stats.AllSpikes(i).ToArray().Sum()) / (network.Layers.Sum(l => (double)l.Size) * simulated), 4),
            ["device"] = "cpu",
            ["build_s"] = Math.Round(buildSeconds, 3),
            ["peak_rss_bytes"] = self.PeakWorkingSet64,
            ["bytes_per_synapse"] = synapses > 0 ? Math.Round((double)tableBytes / synapses, 3) : 0,
            ["duration_s"] = Math.Round(simulated, 6),
            ["transient_s"] = transient,
            ["wall_s"] = Math.Round(wall, 4),
            ["compute_s"] = double.IsNaN(compute) ? null : Math.Round(compute, 3),
            ["realtime_factor"] = Math.Round(wall / simulated, 4),
            ["window_steps"] = network.Plan.WindowSteps,
            ["synaptic_events"] = events,
            ["max_abs_rate_error"] = Math.Round(populations.Max(p => Math.Abs((double)p["rate_error"]!)), 4),
            ["populations"] = populations,
        };
    }
}
