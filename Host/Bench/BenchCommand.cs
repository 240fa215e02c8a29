using System.Diagnostics;
using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench NAME</c>: builds a standard network, runs it through the actor runtime (the
/// path of <c>eventspike run</c>) and prints one JSON line on stdout; progress goes to stderr.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] ValueOptions = ["scale", "duration", "threads", "device", "seed", "v-reset", "credit"];
    private static readonly string[] FlagOptions = ["plain"];

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var a = new ParsedArguments("bench", args, ValueOptions, FlagOptions);
        if (a.Positional.Count != 1 || !BenchNetworks.Names.Contains(a.Positional[0]))
            throw new InputException($"usage: eventspike bench NAME [--scale X] [--duration S] [--threads N]; NAME is one of {string.Join(", ", BenchNetworks.Names)}");
        var name = a.Positional[0];
        var scale = a.Seconds("scale") ?? 1.0;
        var duration = a.Seconds("duration") ?? 1.0;
        var threads = (int)(a.Integer("threads", 1) ?? 1);
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        var device = a.Value("device") ?? "cpu";
        if (device != "cpu") throw new InputException($"bench: --device {device} is not available in this version (cpu only)");
        double? vReset = a.Value("v-reset") is { } vr
            ? double.TryParse(vr, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v / 1000.0
                : throw new InputException($"bench: --v-reset must be a number of mV, got '{vr}'")
            : null;

        stderr.WriteLine($"bench {name}: building (scale {scale}) ...");
        var build = Stopwatch.StartNew();
        var spec = BenchNetworks.Create(name, scale, duration, vReset, seed);
        spec = spec with { Record = spec.Layers.Select(l => l.Name).ToList() };
        var network = NetworkCompiler.Compile(spec);
        var buildSeconds = build.Elapsed.TotalSeconds;
        stderr.WriteLine($"bench {name}: {network.Layers.Sum(l => l.Size)} neurons, {network.SynapseCount} synapses built in {buildSeconds:0.000} s; running {duration} s ...");

        if (a.Flag("plain"))
        {
            var (counts, wall) = PlainLoopRunner.Run(network, null, new Neurons.Kernels.KernelPool(threads));
            var plainSpikes = counts.Sum();
            var plainNeurons = network.Layers.Sum(l => (long)l.Size);
            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["bench"] = name, ["runtime"] = "plain-loop", ["neurons"] = plainNeurons, ["synapses"] = network.SynapseCount,
                ["duration_s"] = duration, ["wall_s"] = Math.Round(wall, 4), ["build_s"] = Math.Round(buildSeconds, 4), ["spikes"] = plainSpikes,
                ["mean_rate_hz"] = Math.Round(plainSpikes / (plainNeurons * duration), 3), ["realtime_factor"] = Math.Round(wall / duration, 4),
                ["threads"] = threads, ["device"] = device,
            }));
            return ExitCodes.Done;
        }
        var sink = new CountingSink();
        var result = LocalRunner.RunAsync(network, sink, new RunOptions(Credit: (int)(a.Integer("credit", 1) ?? 4), Threads: threads), cancel)
            .GetAwaiter().GetResult();
        if (!result.Succeeded)
        {
            stderr.WriteLine($"bench {name}: run failed: {result.Failure}");
            return result.Interrupted ? ExitCodes.Interrupted : ExitCodes.RunFailed;
        }
        var simulated = result.Completed!.Steps * network.Dt;
        var neurons = network.Layers.Sum(l => (long)l.Size);
        var spikes = result.Completed.Layers.Sum(l => l.Spikes);
        var bytes = network.Connections.Sum(c => c.Synapses.Bytes);
        var line = new Dictionary<string, object?>
        {
            ["bench"] = name,
            ["neurons"] = neurons,
            ["synapses"] = network.SynapseCount,
            ["duration_s"] = simulated,
            ["wall_s"] = Math.Round(result.WallSeconds, 4),
            ["build_s"] = Math.Round(buildSeconds, 4),
            ["spikes"] = spikes,
            ["mean_rate_hz"] = Math.Round(spikes / (neurons * simulated), 3),
            ["realtime_factor"] = Math.Round(result.WallSeconds / simulated, 4),
            ["bytes_per_synapse"] = network.SynapseCount > 0 ? Math.Round((double)bytes / network.SynapseCount, 3) : 0,
            ["threads"] = threads,
            ["device"] = device,
            ["scale"] = scale,
            ["window_steps"] = network.Plan.WindowSteps,
            ["first_spike_s"] = sink.FirstSpikeSinceStart is { } f ? Math.Round(f, 3) : null,
            ["compute_s"] = Math.Round(result.Completed.Layers.Sum(l => l.ComputeSeconds), 4),
        };
        stdout.WriteLine(JsonSerializer.Serialize(line));
        return ExitCodes.Done;
    }
}
