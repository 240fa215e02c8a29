using System.Diagnostics;
using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench microcircuit [--scale X] [--duration S] [--transient S] [--threads N] [--seed N] [--seeds K] [--plain] [--v0 optimized|original] [--device cuda|ilgpu-cpu] [--seed-nodes HOST:PORT,... --min-nodes N]</c>:
/// builds PD14 (<see cref="Microcircuit"/>), runs transient + duration simulated seconds through the actor runtime
/// (or a plain loop, or on a cluster's worker nodes with <c>--seed-nodes</c> (<see cref="MicrocircuitCluster"/>), or resident on an accelerator with <c>--device</c>: realtime_factor is then the steps' wall time,
/// the upload is <c>upload_s</c>) and prints one JSON line: build time, peak RSS, bytes per synapse, the real-time factor of the
/// whole run, and per population the mean rate and mean CV of the inter-spike intervals over the span after the
/// transient (also per whole simulated second), with the rate's relative error against the reference means and
/// against NEST 3's example's. <c>--seeds K</c> does this for seeds N … N + K − 1 in turn and then prints one more line,
/// the mean ± s.d. over the seeds per population (<see cref="MicrocircuitSeeds"/>).
/// </summary>
public static class MicrocircuitBench
{
    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var scale = a.Seconds("scale") ?? 1.0;
        if (scale > 1) throw new InputException($"bench microcircuit: --scale must lie in (0, 1], got {scale}");
        var measured = a.Seconds("duration") ?? 1.0;
        var transient = a.Value("transient") is null ? 0.5 : a.Seconds("transient") ?? 0.5;
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        var seeds = (int)Math.Min(a.Integer("seeds", 1) ?? 1, 1001);
        if (seeds > 1000) throw new InputException("bench microcircuit: --seeds must be at most 1000");
        var v0 = a.Value("v0") ?? "optimized";
        if (v0 is not ("optimized" or "original")) throw new InputException($"bench microcircuit: --v0 must be optimized or original, got '{v0}'");
        var lines = new List<Dictionary<string, object?>>();
        for (var k = 0; k < seeds; k++)
        {
            // One network at a time: the last one's tables are garbage before the next is built.
            if (k > 0) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var (code, line) = RunOne(a, scale, measured, transient, seed + (ulong)k, v0, stderr, cancel);
            if (code != ExitCodes.Done) return code;
            stdout.WriteLine(JsonSerializer.Serialize(line));
            lines.Add(line!);
        }
        if (seeds > 1) stdout.WriteLine(JsonSerializer.Serialize(MicrocircuitSeeds.Summary(lines)));
        return ExitCodes.Done;
    }

    private static (int Code, Dictionary<string, object?>? Line) RunOne(ParsedArguments a, double scale, double measured, double transient,
        ulong seed, string v0, TextWriter stderr, CancellationToken cancel)
    {
        var threads = (int)(a.Integer("threads", 1) ?? 1);
        var device = a.Value("device") ?? "cpu";
        var clustered = MicrocircuitCluster.Wanted(a);
        stderr.WriteLine($"bench microcircuit: building (scale {scale}, seed {seed}) ...");
        var build = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        // On a cluster this process draws no synapse: each worker builds the connections into its populations.
        var spec = Microcircuit.Create(scale, transient + measured, seed, v0 == "optimized");
        var network = NetworkCompiler.Compile(spec, buildInto: clustered ? new HashSet<string>() : null);
        var buildSeconds = build.Elapsed.TotalSeconds;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var jit = JitFields.Start();
        var synapses = network.SynapseCount;
        var tableBytes = network.Connections.Select(c => c.Synapses).Distinct().Sum(t => t.Bytes);
        stderr.WriteLine(clustered
            ? $"bench microcircuit: {network.Layers.Sum(l => l.Size):N0} neurons; the worker nodes build the synapses and run {transient + measured} s ..."
            : $"bench microcircuit: {network.Layers.Sum(l => l.Size):N0} neurons, {synapses:N0} synapses built in {buildSeconds:0.0} s " +
              $"(RSS {Process.GetCurrentProcess().WorkingSet64 / 1e9:0.00} GB); running {transient + measured} s on {threads} thread(s) ...");

        var fromStep = (long)Math.Round(transient / network.Dt);
        var stats = new PopulationStats(network.Layers.Select(l => l.Size).ToList(), fromStep, (long)Math.Round(1 / network.Dt));
        MicrocircuitCluster.Outcome? onCluster = null;
        int code;
        double wall, compute, upload = double.NaN;
        long steps;
        string runtime;
        Neurons.Kernels.KernelPoolStatistics? poolStats = null;
        if (clustered)
        {
            onCluster = MicrocircuitCluster.Run(a, network, Microcircuit.FileText(scale, transient + measured, seed, v0 == "optimized"), seed, stats, threads, stderr, cancel);
            (code, wall, compute, steps, runtime) = Completed(onCluster.Result, "cluster", stderr);
            synapses = onCluster.Synapses;
        }
        else
        {
            double? up;
            (code, wall, compute, steps, runtime, up, poolStats) = Simulate(a, network, stats, threads, device, stderr, cancel);
            upload = up ?? double.NaN;
        }
        if (code != ExitCodes.Done) return (code, null);
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var line = Line(network, stats, scale, threads, runtime, buildSeconds, wall, compute, steps, transient, synapses, tableBytes);
        line["device"] = device;
        if (!double.IsNaN(upload)) line["upload_s"] = Math.Round(upload, 3);
        if (onCluster is not null) AddCluster(line, onCluster);
        // On a shared machine wall time says little: the CPU time the process got is the steadier figure.
        line["v0"] = v0;
        line["build_cpu_s"] = Math.Round((cpu1 - cpu0).TotalSeconds, 3);
        line["run_cpu_s"] = Math.Round((cpu2 - cpu1).TotalSeconds, 3);
        line["cpu_per_simulated_s"] = Math.Round((cpu2 - cpu1).TotalSeconds / (steps * network.Dt), 3);
        jit.Add(line);
        PoolFields.Add(line, poolStats, threads, steps * network.Dt);
        line["seed"] = seed;
        return (ExitCodes.Done, line);
    }

    /// <summary>A run's wall time, compute time and steps, or the exit code of a run that did not finish (said on stderr).</summary>
    private static (int Code, double Wall, double Compute, long Steps, string Runtime) Completed(RunResult result, string runtime, TextWriter stderr)
    {
        if (result.Succeeded) return (ExitCodes.Done, result.WallSeconds, result.Completed!.Layers.Sum(l => l.ComputeSeconds), result.Completed.Steps, runtime);
        stderr.WriteLine($"bench microcircuit: run failed: {result.Failure}");
        return (result.Interrupted ? ExitCodes.Interrupted : ExitCodes.RunFailed, 0, 0, 0, runtime);
    }

    /// <summary>
    /// A cluster run's own fields: the nodes, where each population ran, the time from joining to the first window
    /// (the workers build their synapses then); this process's CPU is the coordinator's, and the synaptic events and
    /// table bytes are the workers', which it does not see.
    /// </summary>
    private static void AddCluster(Dictionary<string, object?> line, MicrocircuitCluster.Outcome cluster)
    {
        line["nodes"] = cluster.Nodes;
        line["placement"] = cluster.Placement;
        line["cluster_setup_s"] = Math.Round(cluster.SetupSeconds, 3);
        line["bytes_per_synapse"] = null;
        line["synaptic_events"] = null;
    }

    /// <summary>Runs the built network on the device, in a plain loop or through the actor runtime, into <paramref name="stats"/>.</summary>
    private static (int Code, double Wall, double Compute, long Steps, string Runtime, double? Upload, Neurons.Kernels.KernelPoolStatistics? Pool) Simulate(ParsedArguments a, CompiledNetwork network,
        PopulationStats stats, int threads, string device, TextWriter stderr, CancellationToken cancel)
    {
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
            if (r.Interrupted) return (ExitCodes.Interrupted, 0, 0, 0, "", null, null);
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
            int code;
            (code, wall, compute, steps, runtime) = Completed(result, "actors", stderr);
            if (code != ExitCodes.Done) return (code, 0, 0, 0, "", null, null);
            poolStats = result.Pool;
        }
        return (ExitCodes.Done, wall, compute, steps, runtime, upload, poolStats);
    }

    private static Dictionary<string, object?> Line(CompiledNetwork network, PopulationStats stats, double scale, int threads, string runtime,
        double buildSeconds, double wall, double compute, long steps, double transient, long synapses, long tableBytes)
    {
        var simulated = steps * network.Dt;
        var span = simulated - transient;
        var populations = new List<Dictionary<string, object?>>();
        var seconds = (int)Math.Floor(span + 1e-9);
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var rate = stats.Rate(i, span);
            var (cv, withCv) = stats.CvIsi(i);
            var reference = Microcircuit.ReferenceRates[i];
            var nest = Microcircuit.NestExampleRates[i];
            populations.Add(new()
            {
                ["name"] = network.Layers[i].Name,
                ["size"] = network.Layers[i].Size,
                ["rate_hz"] = Math.Round(rate, 4),
                ["reference_hz"] = reference,
                ["rate_error"] = Math.Round((rate - reference) / reference, 4),
                ["nest_example_hz"] = nest,
                ["nest_example_error"] = Math.Round((rate - nest) / nest, 4),
                ["rate_by_second_hz"] = stats.WindowRates(i, seconds, network.Dt).Select(r => Math.Round(r, 4)).ToArray(),
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
            ["max_abs_nest_example_error"] = Math.Round(populations.Max(p => Math.Abs((double)p["nest_example_error"]!)), 4),
            ["populations"] = populations,
        };
    }
}
