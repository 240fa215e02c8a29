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
/// <c>eventspike bench stream [--rate EV/S] [--duration S] [--policy P]</c>: a generated 128×128 sensor at 1 M events/s (default),
/// replayed at its recorded speed into a 2×64×64 pooled input layer → 1,000 LIF neurons. Prints one JSON line with the
/// bench fields plus events_in, events_dropped and latency_ms (p50, p99, max).
/// </summary>
public static class StreamBench
{
    private static LayerSpec Layer(string name, string type, int size, string parameters) =>
        new(name, type, size, JsonDocument.Parse(parameters).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));

    private static ConnectionSpec Connect(string from, string to, double delay, string weights) =>
        new(from, to, JsonDocument.Parse(weights).RootElement.Clone(), delay, null);

    public static int Execute(ParsedArguments a, TextWriter stdout, TextWriter stderr)
    {
        var rate = a.Seconds("rate") ?? 1e6;
        var duration = a.Seconds("duration") ?? 2.0;
        var policy = a.Value("policy") == "drop-oldest" ? BackpressurePolicy.DropOldest : BackpressurePolicy.Block;
        var build = Stopwatch.StartNew();
        var spec = new NetworkSpec("stream-bench", 1e-4, 1.0, (ulong)(a.Integer("seed", 0) ?? 12345),
            [Layer("input", "PoissonSource", 2 * 64 * 64, """{"rate": 0}"""), Layer("lif", "LIF", 1000, """{"refractory": 0.002}""")],
            [Connect("input", "lif", 0.0003, """{"generator":"fixed_indegree","indegree":100,"weight":0.0001}""")], MaxWindow: 0.001);
        var network = NetworkCompiler.Compile(spec);
        var mapping = new SensorMapping(128, 128, pool: 2);
        var source = new SensorWindowSource(mapping.Channels, network.Plan.WindowSteps, policy, backlog: 8);
        var feed = new FileFeed(() => new SyntheticSensor(128, 128, rate, duration), "synthetic", speed: 1);
        var buildSeconds = build.Elapsed.TotalSeconds;
        stderr.WriteLine($"bench stream: {rate:0} events/s for {duration} s into {mapping.Channels} channels -> 1000 LIF, paced ...");
        var sink = new CountingSink(network.Layers.Select(l => l.Size).ToList());
        using var stream = new SensorStream(feed, source, mapping, network.Dt);
        var gc = GcCounts.Now();
        stream.Start();
        var result = LocalRunner.RunAsync(network.WithPlan(WindowPlan.Open(network.Plan.WindowSteps)), sink,
            new RunOptions(4, 2) { Backends = [source, null], WatchdogSeconds = 60 }).GetAwaiter().GetResult();
        if (!result.Succeeded) throw new InvalidOperationException(result.Failure);
        var gcRun = GcCounts.Now() - gc;
        var stats = stream.Stats;
        var behind = source.LatencyWhenBehind;
        var simulated = result.Completed!.Steps * network.Dt;
        var spikes = result.Completed.Layers.Sum(l => l.Spikes);
        FormattableString line = $$"""{"bench":"stream","neurons":{{network.Layers.Sum(l => l.Size)}},"synapses":{{network.SynapseCount}},"duration_s":{{simulated}},"wall_s":{{Math.Round(result.WallSeconds, 6)}},"build_s":{{Math.Round(buildSeconds, 6)}},"spikes":{{spikes}},"mean_rate_hz":{{Math.Round(spikes / (network.Layers.Sum(l => (double)l.Size) * simulated), 3)}},"realtime_factor":{{Math.Round(result.WallSeconds / simulated, 4)}},"bytes_per_synapse":0,"threads":2,"device":"cpu","events_per_s":{{rate}},"policy":"{{policy}}","events_in":{{stats.EventsIn}},"events_dropped":{{stats.EventsDropped}},"latency_ms":{"p50":{{stats.Latency.P50}},"p99":{{stats.Latency.P99}},"max":{{stats.Latency.Max}},"windows":{{stats.Latency.Windows}}}{{$",\"latency_behind_ms\":{{\"p50\":{behind.P50},\"p99\":{behind.P99},\"max\":{behind.Max},\"windows\":{behind.Windows}}},\"gc\":{gcRun}"}}{{(result.Completed.SourceLag is { } lag ? $",\"source_lag_s\":{{\"mean\":{Math.Round(lag.Mean, 6)},\"max\":{Math.Round(lag.Max, 6)}}}" : "")}}}""";
        stdout.WriteLine(line.ToString(CultureInfo.InvariantCulture));
        return ExitCodes.Done;
    }
}
