using System.Diagnostics;
using System.Globalization;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Cluster;
using EventSpike.Host.ClusterRuns;
using EventSpike.Actors.Runtime;
using EventSpike.Host.NetworkFiles;
using EventSpike.Host.Output;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Cli;

/// <summary><c>eventspike run NETWORK.json</c>: one process, the embedded single-node runtime.</summary>
public static class RunCommand
{
    private static readonly string[] ValueOptions =
        ["duration", "dt", "out", "seed", "threads", "credit", "watchdog", "join-timeout", "tls-cert", "tls-password", "tls-trust", "on-node-loss", "input", "checkpoint-every", "resume", "energy", "cluster", "seed-nodes", "min-nodes", "shard-size"];
    private static readonly string[] FlagOptions = ["realtime", "no-plot"];
    private static readonly string[] NotYet = ["energy"];

    /// <summary>Cluster runs split layers above this many neurons into shards unless --shard-size says otherwise.</summary>
    public const int DefaultClusterShardSize = 65_536;

    /// <summary>--on-node-loss stop (default) or resume (needs checkpoints).</summary>
    private static bool OnNodeLoss(ParsedArguments a, bool checkpoints)
    {
        switch (a.Value("on-node-loss"))
        {
            case null or "stop": return false;
            case "resume":
                if (!checkpoints) throw new InputException("run: --on-node-loss resume needs --checkpoint-every");
                return true;
            case var other: throw new InputException($"run: --on-node-loss must be stop or resume, got '{other}'");
        }
    }

    /// <summary>Options given again with --resume must say what the original run said.</summary>
    private static void CheckResumeOptions(ParsedArguments a, RunManifest m, string dir)
    {
        if (a.Positional.Count > 1 || (a.Positional.Count == 1 && Path.GetFullPath(a.Positional[0]) != m.Network))
            throw new InputException($"--resume {dir}: the run used {m.Network}, not {string.Join(" ", a.Positional)}");
        if (a.Integer("seed", 0) is { } seed && (ulong)seed != m.Seed)
            throw new InputException($"--resume {dir}: --seed {seed} does not match the run's seed {m.Seed}");
        if (a.Seconds("dt") is { } dt && dt != m.Dt)
            throw new InputException($"--resume {dir}: --dt {dt} does not match the run's {m.Dt?.ToString() ?? "network dt"}");
        if (a.Seconds("checkpoint-every") is { } every && every != m.CheckpointEvery)
            throw new InputException($"--resume {dir}: --checkpoint-every {every} does not match the run's {m.CheckpointEvery}");
        if (a.All("input").Count > 0 && !a.All("input").SequenceEqual(m.Inputs))
            throw new InputException($"--resume {dir}: --input does not match the run's inputs ({string.Join(", ", m.Inputs)})");
        if (a.Integer("shard-size", 0) is { } shards && shards != m.ShardSize)
            throw new InputException($"--resume {dir}: --shard-size {shards} does not match the run's {m.ShardSize}");
        if (a.Value("out") is { } o && Path.GetFullPath(o) != Path.GetFullPath(dir))
            throw new InputException($"--resume {dir}: --out {o} differs; a resumed run writes to its own folder");
    }

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var a = new ParsedArguments("run", args, ValueOptions, FlagOptions);
        foreach (var option in NotYet)
            if (a.All(option).Count > 0) throw new InputException($"run: --{option} is not available in this version yet");
        var resumeDir = a.Value("resume");
        RunManifest? manifest = resumeDir is null ? null : RunManifest.Load(resumeDir);
        if (manifest is null && a.Positional.Count != 1)
            throw new InputException("usage: eventspike run NETWORK.json [--duration S] [--dt S] [--out DIR] [--seed N] [--threads N] [--input LAYER=FILE]... [--checkpoint-every S] | run --resume DIR");
        if (manifest is not null) CheckResumeOptions(a, manifest, resumeDir!);

        var build = Stopwatch.StartNew();
        var networkPath = manifest?.Network ?? a.Positional[0];
        var spec = NetworkFile.Load(networkPath);
        var seed = manifest?.Seed ?? (ulong?)a.Integer("seed", 0) ?? spec.Seed;
        var duration = a.Seconds("duration") ?? manifest?.Duration ?? spec.Duration;
        var dt = manifest is not null ? manifest.Dt : a.Seconds("dt");
        var inputs = manifest?.Inputs ?? a.All("input");
        spec = spec with { Seed = seed, Duration = duration };
        if (dt is { } step) spec = spec with { Dt = step };
        spec = InputFiles.Apply(spec, inputs);
        if (double.IsNaN(spec.Duration))
            spec = spec with
            {
                Duration = InputFiles.LatestEnd(inputs) ?? throw new InputException($"{networkPath}: a Rockpool network file has no duration; give --duration or an --input file"),
            };
        var threads = (int)(a.Integer("threads", 1) ?? Environment.ProcessorCount);
        var credit = (int)(a.Integer("credit", 1) ?? manifest?.Credit ?? 4);
        var outDir = resumeDir ?? a.Value("out") ?? "out";
        var checkpointEvery = manifest?.CheckpointEvery ?? a.Seconds("checkpoint-every");
        var clustered = a.Value("seed-nodes") is not null;
        // Layers above this many neurons run as shards (on several nodes in a cluster run); 0: none.
        var shardSize = (int)(manifest?.ShardSize ?? a.Integer("shard-size", 0) ?? (clustered ? DefaultClusterShardSize : 0));

        CompiledNetwork network;
        try
        {
            // A cluster's coordinator checks every connection but draws no synapse: the nodes build those of their layers.
            network = NetworkCompiler.Compile(spec, shardSize: shardSize, buildInto: clustered ? new HashSet<string>() : null);
        }
        catch (NetworkSpecException e)
        {
            throw new InputException(e.Message.StartsWith(networkPath, StringComparison.Ordinal) ? e.Message : $"{networkPath}: {e.Message}");
        }
        build.Stop();
        foreach (var warning in network.Warnings) stderr.WriteLine("warning: " + warning);
        OutputFolder.Prepare(outDir);

        foreach (var layer in network.FileLayers.Where(l => network.ShardsOf(l.Id).Count > 1))
            stderr.WriteLine($"{layer.Name}: {layer.Size} neurons in {network.ShardsOf(layer.Id).Count} shards ({string.Join(", ", network.ShardsOf(layer.Id).Select(s => s.Name))})");
        List<RecordedSpikes> Recorded() => network.FileLayers.Where(l => l.Recorded)
            .Select(l => new RecordedSpikes(l.Id, l.Name, l.Size, l.Model.OutputKind == Neurons.Models.SignalKind.Continuous, network.Dt)).ToList();
        var options = new RunOptions(credit, threads) { Realtime = a.Flag("realtime"), WatchdogSeconds = a.Seconds("watchdog") ?? 60 };
        string? journal = null;
        long? resumeAt = null;
        if (checkpointEvery is { } every)
        {
            var windowSeconds = network.Plan.WindowSteps * network.Dt;
            var store = new CheckpointStore(Path.Combine(outDir, "checkpoints"));
            options = options with
            {
                CheckpointStore = store,
                CheckpointEveryWindows = Math.Max(1, (long)Math.Round(every / windowSeconds)),
                CheckpointWritten = path => stderr.WriteLine($"checkpoint: {path}"),
            };
            journal = Path.Combine(outDir, "checkpoints", "spikes.journal.csv");
            if (manifest is null)
                new RunManifest(Path.GetFullPath(networkPath), seed, duration, dt, every, inputs, credit) { ShardSize = shardSize }.Save(outDir);
            else
            {
                var newest = store.Newest() ?? throw new InputException($"--resume {outDir}: no complete checkpoint in {store.Folder}");
                if (newest.Checkpoint.Step > network.Plan.TotalSteps)
                    throw new InputException($"--resume {outDir}: the newest checkpoint is at {newest.Checkpoint.Step * network.Dt} s, past --duration {duration} s");
                if (newest.Checkpoint.WindowSteps != network.Plan.WindowSteps)
                    throw new InputException($"--resume {outDir}: the checkpoint's windows are {newest.Checkpoint.WindowSteps} steps, this run's {network.Plan.WindowSteps}");
                options = options with { Resume = newest.Checkpoint };
                resumeAt = newest.Checkpoint.JournalBytes;
                stderr.WriteLine($"resuming from {newest.Path} (step {newest.Checkpoint.Step})");
            }
        }
        // The recording: made anew when a cluster run resumes after losing a node (its journal cut back to the checkpoint).
        RecordingSink OpenSink(long? at)
        {
            var opened = new RecordingSink(Path.Combine(outDir, "spikes.csv"), network.Dt, Recorded(), journal, at);
            foreach (var probe in network.FileProbes)
                opened.Probes[probe.Id] = new ProbeRecording(network.FileLayers[probe.Layer].Name, probe.Probe.Variable, probe.Probe.Neurons);
            return opened;
        }
        var sink = OpenSink(resumeAt);
        var progress = new ProgressDisplay(stderr, network.Plan.TotalSteps, network.Dt, ProgressDisplay.TerminalAttached);
        options = options with { Progress = progress.Report };
        ClusterCoordinator? coordinator = null;
        HostLayers? template = null;
        if (a.Value("seed-nodes") is { } seedNodes)
        {
            if (manifest is not null)
                throw new InputException("run: --resume is not available for cluster runs in this version (a cluster run resumes by itself with --on-node-loss resume)");
            var extra = a.Value("cluster") is { } hocon
                ? File.Exists(hocon) ? File.ReadAllText(hocon) : throw new InputException($"--cluster {hocon}: file not found")
                : null;
            coordinator = new ClusterCoordinator
            {
                Seeds = NodeCommand.Seeds(seedNodes, null),
                MinNodes = (int)(a.Integer("min-nodes", 1) ?? 1),
                JoinTimeout = TimeSpan.FromSeconds(a.Seconds("join-timeout") ?? 30),
                ExtraHocon = extra,
                Tls = TlsOptions.From(a),
                ResumeOnNodeLoss = OnNodeLoss(a, checkpointEvery is not null),
            };
            template = new HostLayers(File.ReadAllText(networkPath), networkPath, seed, network.Duration, dt, inputs, [], threads, Akka.Actor.ActorRefs.Nobody)
                { ShardSize = shardSize };
        }
        else if (a.Value("cluster") is not null || a.Value("min-nodes") is not null || a.Value("on-node-loss") is not null)
            throw new InputException("run: --cluster, --min-nodes and --on-node-loss need --seed-nodes");
        RunResult result;
        try
        {
            result = progress.RunAsync(() => coordinator is null
                ? LocalRunner.RunAsync(network, sink, options, cancel)
                : coordinator.RunAsync(network, template!, checkpoint =>
                {
                    if (checkpoint is null) return sink;
                    sink.Dispose();
                    return sink = OpenSink(checkpoint.JournalBytes);
                }, options, stderr, cancel)).GetAwaiter().GetResult();
        }
        finally
        {
            if (!(sink.Completed)) sink.Dispose();
        }
        var recorded = sink.Layers.OrderBy(l => l.Layer).ToList();

        if (result.Interrupted)
        {
            stderr.WriteLine($"interrupted: spikes.csv in {outDir} holds the windows every recorded layer finished");
            return ExitCodes.Interrupted;
        }
        if (!result.Succeeded)
        {
            stderr.WriteLine($"run failed at step {result.StepsReached} ({(result.StepsReached * network.Dt).ToString("0.####", CultureInfo.InvariantCulture)} s): {result.Failure}; no summary was written");
            return ExitCodes.RunFailed;
        }

        var simulated = result.Completed!.Steps * network.Dt;
        SeriesOutputs.Write(outDir, recorded, network.Dt, result.Completed.Steps);
        foreach (var probe in sink.Probes.Values) probe.Write(outDir, network.Dt, result.Completed.Steps);
        if (!a.Flag("no-plot"))
            RasterPlot.Write(Path.Combine(outDir, "raster.png"), recorded.Where(r => r.Samples is null).ToList(), network.Dt, simulated, network.Name);
        RunSummary.Write(Path.Combine(outDir, "summary.json"), network, result, build.Elapsed.TotalSeconds, threads,
            coordinator?.Nodes, coordinator?.Placement, coordinator?.Lost, coordinator?.Traffic, coordinator?.Synapses);
        var total = result.Completed.Layers.Sum(l => l.Spikes);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network.Name}: {simulated:0.###} s simulated in {result.WallSeconds:0.###} s (realtime factor {result.WallSeconds / simulated:0.###}), {total} spikes; outputs in {outDir}"));
        return ExitCodes.Done;
    }
}
