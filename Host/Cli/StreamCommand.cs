using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Hardware.Sensors;
using EventSpike.Hardware.Streaming;
using EventSpike.Host.NetworkFiles;
using EventSpike.Host.Output;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike stream --source FILE|tcp://HOST:PORT|udp://HOST:PORT --network NET.json --input-layer NAME</c>: an
/// open-ended run whose input layer is fed by a sensor (<see cref="SensorWindowSource"/>). It ends at the file's end,
/// or on Ctrl-C for a socket (exit 130, with whole outputs and summary).
/// </summary>
public static class StreamCommand
{
    public const string Usage =
        "eventspike stream --source FILE|tcp://HOST:PORT|udp://HOST:PORT --network NETWORK.json --input-layer NAME\n" +
        "                      [--realtime | --speed X] [--policy block|drop-newest|drop-oldest|merge] [--backlog WINDOWS] [--out DIR]\n" +
        "                      [--sensor WxH] [--crop X,Y,W,H] [--pool N|PXxPY] [--polarity split|merge] [--framing auto|aedat4|words]";

    /// <summary>What the command line asks for, checked.</summary>
    private sealed record StreamRequest(ParsedArguments Args, string Source, string NetworkPath, string LayerName, double Speed,
        BackpressurePolicy Policy, int Backlog, string OutDir);

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var started = DateTime.UtcNow;
        var request = Parse(args);
        var build = Stopwatch.StartNew();
        var feed = OpenFeed(request);
        var (network, layer, spec) = BuildNetwork(request);
        var mapping = StreamMapping.Resolve(request.Args, request.Source, feed, spec, stderr);
        build.Stop();
        var source = new SensorWindowSource(mapping.Channels, network.Plan.WindowSteps, request.Policy, request.Backlog);
        var backends = new Actors.Hosting.IWindowBackend?[network.Layers.Count];
        backends[layer] = source;
        var raster = !request.Args.Flag("no-plot");
        OutputFolder.Prepare(request.OutDir);
        RunFolder.StartNew(request.OutDir, Guid.NewGuid().ToString("N"), RunRecording.FileNames(network, raster), started);
        stderr.WriteLine($"stream: {feed.Name} into {network.FileLayers[layer].Name} ({mapping}), policy {Name(request.Policy)}");
        using var sink = RunRecording.OpenSink(network, request.OutDir);
        using var stream = new SensorStream(feed, source, mapping, network.Dt);
        using var stop = interrupt.Register(stream.Stop);
        stream.Start();
        var options = new RunOptions(Credit: (int)(request.Args.Integer("credit", 1) ?? 4), Threads: (int)(request.Args.Integer("threads", 1) ?? 1))
        {
            Backends = backends,
            // A quiet socket holds its windows for as long as it is quiet: no watchdog unless asked.
            WatchdogSeconds = request.Args.Seconds("watchdog") ?? (StreamSources.IsLive(request.Source) ? 0 : 60),
        };
        var result = LocalRunner.RunAsync(network.WithPlan(WindowPlan.Open(network.Plan.WindowSteps)), sink, options).GetAwaiter().GetResult();
        stream.Stop();
        stream.Join(TimeSpan.FromSeconds(10));
        if (stream.Failure is { } failure) throw Bad(feed, failure);
        if (!result.Succeeded)
        {
            stderr.WriteLine($"stream failed at step {result.StepsReached}: {result.Failure}; no summary was written");
            return ExitCodes.RunFailed;
        }
        return Report(request, network, result, stream.Stats, build.Elapsed.TotalSeconds, sink, interrupt.IsCancellationRequested, stdout);
    }

    private static Exception Bad(IStreamFeed feed, Exception failure) => failure switch
    {
        SensorFormatException or NotSupportedException or FileNotFoundException => new InputException($"{failure.Message}"),
        _ => new InvalidOperationException($"{feed.Name}: {failure.Message}", failure),
    };

    private static StreamRequest Parse(IReadOnlyList<string> args)
    {
        var a = CommandSpecs.Stream.Parse(args);
        if (a.Positional.Count > 0 || a.Value("source") is null || a.Value("network") is null || a.Value("input-layer") is null)
            throw new InputException("usage: " + Usage);
        var source = a.Value("source")!;
        if (a.Flag("realtime") && a.Value("speed") is not null) throw new InputException("stream: give --realtime or --speed X, not both");
        var speed = a.Flag("realtime") ? 1.0 : 0.0;
        if (a.Value("speed") is { } text)
            speed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && double.IsFinite(x)
                ? x : throw new InputException($"stream: --speed must be a positive number, got '{text}'");
        var live = StreamSources.IsLive(source);
        // On a socket --realtime lets simulated time follow the wall clock while the sensor is quiet; --speed paces a file only.
        if (live && a.Value("speed") is not null) throw new InputException($"stream: --speed paces a file; {source} comes at its own speed (--realtime keeps its network running while it is quiet)");
        var policy = a.Value("policy") switch
        {
            null => live ? BackpressurePolicy.DropOldest : BackpressurePolicy.Block,
            "block" => BackpressurePolicy.Block,
            "drop-newest" => BackpressurePolicy.DropNewest,
            "drop-oldest" => BackpressurePolicy.DropOldest,
            "merge" => BackpressurePolicy.Merge,
            var other => throw new InputException($"stream: --policy must be block, drop-newest, drop-oldest or merge, got '{other}'"),
        };
        return new StreamRequest(a, source, a.Value("network")!, a.Value("input-layer")!, speed, policy,
            (int)(a.Integer("backlog", 1) ?? 8), a.Value("out") ?? "out");
    }

    private static IStreamFeed OpenFeed(StreamRequest request)
    {
        var framing = request.Args.Value("framing") switch
        {
            null or "auto" => StreamFraming.Auto,
            "aedat4" => StreamFraming.Aedat4,
            "words" => StreamFraming.Words,
            var other => throw new InputException($"stream: --framing must be auto, aedat4 or words, got '{other}'"),
        };
        try
        {
            return StreamSources.Open(request.Source, request.Speed, framing);
        }
        catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException)
        {
            throw new InputException(e is ArgumentException ? e.Message : $"--source {request.Source}: {e.Message}");
        }
    }

    /// <summary>The network (its seed and dt as given) and the id of the input layer, which must be a source.</summary>
    private static (CompiledNetwork Network, int Layer, LayerSpec Spec) BuildNetwork(StreamRequest request)
    {
        var a = request.Args;
        var spec = NetworkFile.Load(request.NetworkPath);
        spec = new RunOverrides((ulong?)a.Integer("seed", 0) ?? spec.Seed, double.IsNaN(spec.Duration) ? 1 : spec.Duration, a.Seconds("dt"), []).ApplyTo(spec);
        var network = NetworkBuilder.Compile(spec, request.NetworkPath);
        var layer = network.FileLayers.FirstOrDefault(l => l.Name == request.LayerName)
            ?? throw new InputException($"--input-layer {request.LayerName}: no such layer in {request.NetworkPath} (layers: {string.Join(", ", network.FileLayers.Select(l => l.Name))})");
        if (layer.Model.Ports.Count != 0)
            throw new InputException($"--input-layer {request.LayerName}: a {layer.Model.ClassName} takes input from other layers; the sensor feeds a source layer (e.g. PoissonSource or EventReplay)");
        return (network, layer.Id, spec.Layers.First(l => l.Name == request.LayerName));
    }

    private static string Name(BackpressurePolicy p) => p switch
    {
        BackpressurePolicy.Block => "block",
        BackpressurePolicy.DropNewest => "drop-newest",
        BackpressurePolicy.DropOldest => "drop-oldest",
        _ => "merge",
    };

    /// <summary>Writes the outputs and the summary (the stream's fields added), prints one line.</summary>
    private static int Report(StreamRequest request, CompiledNetwork network, RunResult result, StreamStats stats, double buildSeconds,
        RecordingSink sink, bool interrupted, TextWriter stdout)
    {
        var steps = result.Completed!.Steps;
        sink.WriteOutputs(request.OutDir, steps, request.Args.Flag("no-plot") ? null : network.Name);
        RunSummary.Write(Path.Combine(request.OutDir, "summary.json"), network, result, buildSeconds, (int)(request.Args.Integer("threads", 1) ?? 1),
            extra: w => StreamSummary.Write(w, request.Source, Name(request.Policy), stats, result.Completed.SourceLag, interrupted));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network.Name}: {steps * network.Dt:0.###} s streamed in {result.WallSeconds:0.###} s, {stats.EventsIn} events in, {stats.EventsDropped} dropped, latency p99 {stats.Latency.P99:0.###} ms; outputs in {request.OutDir}"));
        return interrupted ? ExitCodes.Interrupted : ExitCodes.Done;
    }
}
