using EventSpike.Actors.Hosting;
using System.Diagnostics;
using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Neurons.Models;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench NAME</c>: builds a standard network, runs it through the actor runtime (the
/// path of <c>eventspike run</c>) and prints one JSON line on stdout; progress goes to stderr.
/// <c>--plain</c> runs the same engines in a plain loop instead (what the actors cost).
/// <c>bench decode RECORDING</c> measures a sensor reader instead (<see cref="DecodeBench"/>).
/// </summary>
public static class BenchCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var a = CommandSpecs.Bench.Parse(args);
        if (a.Positional.Count > 0 && a.Positional[0] == "decode") return DecodeBench.Execute(a, stdout, stderr);
        if (a.Positional is ["stream"]) return StreamBench.Execute(a, stdout, stderr);
        if (a.Positional is ["dynapse"]) return DynapseBench.Execute(a, stdout, stderr);
        if (a.Positional is ["microcircuit"]) return MicrocircuitBench.Execute(a, stdout, stderr, cancel);
        if (a.Positional.Count != 1 || !BenchNetworks.Names.Contains(a.Positional[0]))
            throw new InputException($"usage: eventspike bench NAME [--scale X] [--duration S] [--threads N] [--batch B]; NAME is one of {string.Join(", ", BenchNetworks.Names)}; or eventspike bench decode RECORDING [--repeat N]");
        var name = a.Positional[0];
        var scale = a.Seconds("scale") ?? 1.0;
        var duration = a.Seconds("duration") ?? BenchNetworks.DefaultDuration(name);
        var threads = (int)(a.Integer("threads", 1) ?? 1);
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        var batch = a.Integer("batch", 1) is { } bt
            ? name == "dense" ? (int)Math.Min(bt, 1 << 16) : throw new InputException($"bench: --batch applies to the dense bench only, not {name}")
            : (int?)null;
        var device = a.Value("device") ?? "cpu";
        if (!BackendRegistry.Names.Contains(device))
            throw new InputException($"bench: unknown --device {device}; known: {string.Join(", ", BackendRegistry.Names)}");
        if (device != "cpu" && name is not ("cuba"))
            throw new InputException($"bench: --device {device} runs the cuba bench (iaf_psc_exp has an accelerated kernel); {name} runs on cpu only");
        double? vReset = a.Value("v-reset") is { } vr
            ? double.TryParse(vr, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v / 1000.0
                : throw new InputException($"bench: --v-reset must be a number of mV, got '{vr}'")
            : null;

        stderr.WriteLine($"bench {name}: building (scale {scale}) ...");
        var build = Stopwatch.StartNew();
        var spec = BenchNetworks.Create(name, scale, duration, vReset, seed, batch);
        spec = spec with { Record = spec.Layers.Select(l => l.Name).ToList() };
        var network = NetworkCompiler.Compile(spec);
        try
        {
            new LayerFactory(network, device).Validate();
        }
        catch (BackendLimitException e)
        {
            throw new InputException($"bench: --device {device}: {e.Message}");
        }
        var buildSeconds = build.Elapsed.TotalSeconds;
        stderr.WriteLine($"bench {name}: {network.Layers.Count} layers of {network.Layers.Sum(l => l.Size)} channels, {network.SynapseCount} table synapses built in {buildSeconds:0.000} s; running {duration} s ...");

        // --warmup S: first run a short copy of the network the same way (JIT, caches), untimed, so that
        // wall_s is the steady state (as Brian2's run time excludes its compilation). The actors' run then uses the
        // warm-up's actor system: its start-up is start-up too (and the JIT would compile that code again while the
        // measured run computes).
        var options = new RunOptions(Credit: (int)(a.Integer("credit", 1) ?? 4), Threads: threads) { Backend = device };
        var system = a.Flag("plain") ? null : LocalRunner.CreateSystem(options);
        try
        {
            if (a.Seconds("warmup") is { } warmup)
            {
                var warm = NetworkCompiler.Compile(BenchNetworks.Create(name, scale, warmup, vReset, seed, batch));
                using var warmPool = new Neurons.Kernels.KernelPool(threads);
                if (a.Flag("plain")) PlainLoopRunner.Run(warm, null, warmPool, device);
                else LocalRunner.RunAsync(system!, warm, new CountingSink(warm.Layers.Select(l => l.Size).ToList()), options with { Credit = 4 }, cancel)
                    .GetAwaiter().GetResult();
            }
            var sink = new CountingSink(network.Layers.Select(l => l.Size).ToList());
            var report = new BenchReport(name, network, sink, buildSeconds, threads, device, scale);
            // run_cpu_s: CPU seconds of the whole process over the run (every thread: the layers', the actors',
            // the JIT's, the GC's), the figure set beside a peer's CPU time on a loaded machine.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var jit = JitFields.Start();
            if (a.Flag("plain"))
            {
                using var plainPool = new Neurons.Kernels.KernelPool(threads);
                var counted = new WindowCounts[network.Layers.Count];
                var (counts, wall) = PlainLoopRunner.Run(network, sink, plainPool, device, counted);
                var plainLine = report.Line("plain-loop", network.Plan.TotalSteps, counts.Sum(), wall,
                    counted.Aggregate(default(WindowCounts), (a, b) => a + b));
                plainLine["run_cpu_s"] = RunCpuSeconds(cpu);
                jit.Add(plainLine);
                PoolFields.Add(plainLine, plainPool.Statistics, threads, network.Plan.TotalSteps * network.Dt);
                stdout.WriteLine(JsonSerializer.Serialize(plainLine));
                return ExitCodes.Done;
            }
            var result = LocalRunner.RunAsync(system!, network, sink, options, cancel).GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                stderr.WriteLine($"bench {name}: run failed: {result.Failure}");
                return result.Interrupted ? ExitCodes.Interrupted : ExitCodes.RunFailed;
            }
            var line = report.Line("actors", result.Completed!.Steps, result.Completed.Layers.Sum(l => l.Spikes), result.WallSeconds,
                new WindowCounts(result.Completed.Layers.Sum(l => l.SynapticEvents), result.Completed.Layers.Sum(l => l.NeuronUpdates)));
            line["compute_s"] = Math.Round(result.Completed.Layers.Sum(l => l.ComputeSeconds), 4);
            line["run_cpu_s"] = RunCpuSeconds(cpu);
            // loop_cpu_s: the same CPU over wall_s only (start signal to the last window), leaving out making and stopping
            // the run's actors: the span a peer's "CPU around its network run" covers (Benchmarks/peers/compare.py).
            if (result.CpuSeconds is { } loop) line["loop_cpu_s"] = Math.Round(loop, 4);
            jit.Add(line);
            PoolFields.Add(line, result.Pool, threads, result.Completed.Steps * network.Dt);
            stdout.WriteLine(JsonSerializer.Serialize(line));
            return ExitCodes.Done;
        }
        finally
        {
            // A layer stuck in its computation cannot stop; do not wait for it for ever.
            if (system is not null) Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(5))).GetAwaiter().GetResult();
        }
    }

    private static double RunCpuSeconds(TimeSpan before) =>
        Math.Round((Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds, 4);

    /// <summary>
    /// The JSON fields of one bench run. Neurons are the spiking units (a continuous source's
    /// channels are <c>input_channels</c>). Synapses are the connection tables' entries, except in a
    /// network of <see cref="BatchedSpikingDense"/> layers, where they are the weights applied per step
    /// counted once per sample (M·N·B, as B copies of the network would hold): <c>synapses_counted</c>
    /// says which, <c>weights_stored</c> the distinct weights, and <c>routing_synapses</c> the
    /// one-to-one tables that carry channels between the blocks. <c>bytes_per_synapse</c> is memory
    /// per stored entry (float64 dense weights and CSR tables alike). <c>synaptic_ops</c> counts
    /// synaptic events the layers' backends counted as they delivered them (also <c>synaptic_events</c>, with <c>neuron_updates</c>: the counts <c>run --energy</c> uses), or for dense layers
    /// the multiply-adds of every weight on every step (clocked: an upper bound, zero inputs are skipped).
    /// </summary>
    private sealed class BenchReport(string name, CompiledNetwork network, CountingSink sink, double buildSeconds, int threads, string device, double scale)
    {
        public Dictionary<string, object?> Line(string runtime, long steps, long spikes, double wall, WindowCounts counted)
        {
            var simulated = steps * network.Dt;
            var neurons = network.Layers.Where(l => l.Model.OutputKind == SignalKind.Spikes).Sum(l => (long)l.Size);
            var inputChannels = network.Layers.Where(l => l.Model.OutputKind == SignalKind.Continuous).Sum(l => (long)l.Size);
            var dense = network.Layers.Select(l => l.Model).OfType<BatchedSpikingDense>().ToList();
            var tableSynapses = network.SynapseCount;
            var tableBytes = network.Connections.Sum(c => c.Synapses.Bytes);
            var synapses = dense.Count > 0 ? dense.Sum(d => d.WeightsPerStep) : tableSynapses;
            var weightsStored = dense.Sum(d => (long)d.Weights.Rows * d.Weights.Cols);
            var stored = weightsStored + tableSynapses;
            var bytes = 8 * weightsStored + tableBytes;
            var ops = dense.Count > 0 ? synapses * steps : counted.SynapticEvents;
            var line = new Dictionary<string, object?>
            {
                ["bench"] = name,
                ["runtime"] = runtime,
                ["neurons"] = neurons,
                ["synapses"] = synapses,
                ["duration_s"] = simulated,
                ["wall_s"] = Math.Round(wall, 4),
                ["build_s"] = Math.Round(buildSeconds, 4),
                ["spikes"] = spikes,
                ["mean_rate_hz"] = neurons > 0 ? Math.Round(spikes / (neurons * simulated), 3) : 0,
                ["realtime_factor"] = Math.Round(wall / simulated, 4),
                ["bytes_per_synapse"] = stored > 0 ? Math.Round((double)bytes / stored, 3) : 0,
                ["threads"] = threads,
                ["device"] = device,
                ["scale"] = scale,
                ["window_steps"] = network.Plan.WindowSteps,
                ["first_spike_s"] = sink.FirstSpikeSinceStart is { } f ? Math.Round(f, 3) : null,
                ["synaptic_ops"] = ops,
                ["synaptic_ops_per_s"] = wall > 0 ? Math.Round(ops / wall) : null,
                ["synaptic_ops_basis"] = dense.Count > 0 ? "dense_macs" : "events",
                ["synaptic_events"] = counted.SynapticEvents,
                ["neuron_updates"] = counted.NeuronUpdates,
            };
            if (dense.Count > 0)
            {
                line["batch"] = dense[0].Batch;
                line["input_channels"] = inputChannels;
                line["synapses_counted"] = "weights_x_batch";
                line["weights_stored"] = weightsStored;
                line["routing_synapses"] = tableSynapses;
            }
            return line;
        }
    }
}
