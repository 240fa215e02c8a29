using System.Diagnostics;
using System.Globalization;
using EventSpike.Actors.Runtime;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;
using System.Text.Json;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>eventspike bench stream [--rate EV/S] [--duration S] [--policy P] [--speed X] [--warmup S]</c>: a generated 128×128
/// sensor at 1 M events/s (default), replayed at its recorded speed (or X times it; 0: as fast as the network goes) into a
/// 2×64×64 pooled input layer → 1,000 LIF neurons, after an untimed stream of S seconds when asked (JIT, caches). Prints
/// one JSON line with the bench fields plus events_in, events_dropped, latency_ms (p50, p99, max), latency_behind_ms (the
/// windows that were complete before the network asked for them), gc (collections and pauses during the run) and cpu_s
/// (processor time the process used during the run, every thread: the paced feeder's waiting included).
/// </summary>
public static class StreamBench
{
    private sealed record Outcome(CompiledNetwork Network, RunResult Result, StreamStats Stats, LatencySummary Behind, GcCounts Gc, double BuildSeconds, double CpuSeconds);

    private static LayerSpec Layer(string name, string type, int size, string parameters) =>
        new(name, type, size, JsonDocument.Parse(parameters).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));

    private static ConnectionSpec Connect(string from, string to, double delay, string weights) =>
        new(from, to, JsonDocument.Parse(weights).RootElement.Clone(), delay, null);

    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr)
    {
        var rate = a.Seconds("rate") ?? 1e6;
        var duration = a.Seconds("duration") ?? 2.0;
        var speed = a.Value("speed") is not { } text ? 1.0
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && double.IsFinite(x) ? x
            : throw new InputException($"bench: --speed must be a number ≥ 0 (0: as fast as the network goes), got '{text}'");
        var policy = a.Value("policy") == "drop-oldest" ? BackpressurePolicy.DropOldest : BackpressurePolicy.Block;
        var seed = (ulong)(a.Integer("seed", 0) ?? 12345);
        if (a.Seconds("warmup") is { } warmup and > 0)
        {
            stderr.WriteLine($"bench stream: warming up for {warmup} s (untimed) ...");
            Stream(rate, warmup, speed, policy, seed);
        }
        stderr.WriteLine($"bench stream: {rate:0} events/s for {duration} s into 8192 channels -> 1000 LIF, {(speed > 0 ? $"paced at {speed}x" : "as fast as it goes")} ...");
        var (network, result, stats, behind, gc, buildSeconds, cpu) = Stream(rate, duration, speed, policy, seed);
        var simulated = result.Completed!.Steps * network.Dt;
        var spikes = result.Completed.Layers.Sum(l => l.Spikes);
        FormattableString line = $$"""{"bench":"stream","neurons":{{network.Layers.Sum(l => l.Size)}},"synapses":{{network.SynapseCount}},"duration_s":{{simulated}},"wall_s":{{Math.Round(result.WallSeconds, 6)}},"build_s":{{Math.Round(buildSeconds, 6)}},"spikes":{{spikes}},"mean_rate_hz":{{Math.Round(spikes / (network.Layers.Sum(l => (double)l.Size) * simulated), 3)}},"realtime_factor":{{Math.Round(result.WallSeconds / simulated, 4)}},"bytes_per_synapse":0,"threads":2,"device":"cpu","events_per_s":{{rate}},"speed":{{speed}},"policy":"{{policy}}","events_in":{{stats.EventsIn}},"events_dropped":{{stats.EventsDropped}},"latency_ms":{{Json(stats.Latency)}},"latency_behind_ms":{{Json(behind)}},"gc":{{gc}},"cpu_s":{{Math.Round(cpu, 3)}}{{(result.Completed.SourceLag is { } lag ? $",\"source_lag_s\":{{\"mean\":{Math.Round(lag.Mean, 6)},\"max\":{Math.Round(lag.Max, 6)}}}" : "")}}}""";
        stdout.WriteLine(line.ToString(CultureInfo.InvariantCulture));
        return ExitCodes.Done;
    }

    private static string Json(LatencySummary l) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"p50\":{l.P50},\"p99\":{l.P99},\"max\":{l.Max},\"windows\":{l.Windows}}}");

    /// <summary>Builds the network and streams <paramref name="duration"/> seconds of the generated sensor into it.</summary>
    private static Outcome Stream(double rate, double duration, double speed, BackpressurePolicy policy, ulong seed)
    {
        var build = Stopwatch.StartNew();
        var spec = new NetworkSpec("stream-bench", 1e-4, 1.0, seed,
            [Layer("input", "PoissonSource", 2 * 64 * 64, """{"rate": 0}"""), Layer("lif", "LIF", 1000, """{"refractory": 0.002}""")],
            [Connect("input", "lif", 0.0003, """{"generator":"fixed_indegree","indegree":100,"weight":0.0001}""")], MaxWindow: 0.001);
        var network = NetworkCompiler.Compile(spec);
        var mapping = new SensorMapping(128, 128, pool: 2);
        var source = new SensorWindowSource(mapping.Channels, network.Plan.WindowSteps, policy, backlog: 8);
        var feed = new FileFeed(() => new SyntheticSensor(128, 128, rate, duration), "synthetic", speed);
        var buildSeconds = build.Elapsed.TotalSeconds;
        var sink = new CountingSink(network.Layers.Select(l => l.Size).ToList());
        using var stream = new SensorStream(feed, source, mapping, network.Dt);
        var gc = GcCounts.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        stream.Start();
        var result = LocalRunner.RunAsync(network.WithPlan(WindowPlan.Open(network.Plan.WindowSteps)), sink,
            new RunOptions(4, 2) { Backends = [source, null], WatchdogSeconds = 60 }).GetAwaiter().GetResult();
        if (!result.Succeeded) throw new InvalidOperationException(result.Failure);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Outcome(network, result, stream.Stats, source.LatencyWhenBehind, GcCounts.Now() - gc, buildSeconds, cpuSeconds);
    }
}
