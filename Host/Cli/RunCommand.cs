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
    /// <summary>Cluster runs split layers above this many neurons into shards unless --shard-size says otherwise.</summary>
    public const int DefaultClusterShardSize = 65_536;

    /// <summary>Cluster runs grant this many windows ahead unless --credit says otherwise: nodes report every half of it (ClusterCoordinator).</summary>
    public const int DefaultClusterCredit = 32;

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
        foreach (var (option, value) in new[] { ("nir-reset", m.NirReset), ("nir-method", m.NirMethod), ("nir-spikes", m.NirSpikes) })
            if (a.Value(option) is { } given && given != value)
                throw new InputException($"--resume {dir}: --{option} {given} does not match the run's {value ?? "default"}");
        if (a.Value("out") is { } o && Path.GetFullPath(o) != Path.GetFullPath(dir))
            throw new InputException($"--resume {dir}: --out {o} differs; a resumed run writes to its own folder");
    }

    /// <summary>What the command line (or, with --resume, the run's manifest) says, before the network file is read.</summary>
    private sealed record RunRequest(ParsedArguments Args, RunManifest? Manifest, string NetworkPath, double? Dt, IReadOnlyList<string> Inputs,
        int Threads, int Credit, string OutDir, double? CheckpointEvery, bool Clustered, int ShardSize)
    {
        /// <summary>--backend: what layers run on where they can and the network file names nothing else (null: cpu).</summary>
        public string? Backend => Args.Value("backend");

        /// <summary>--nir-reset, --nir-method, --nir-spikes as given, or (resumed) as the run gave them.</summary>
        public string? NirReset => Args.Value("nir-reset") ?? Manifest?.NirReset;
        public string? NirMethod => Args.Value("nir-method") ?? Manifest?.NirMethod;
        public string? NirSpikes => Args.Value("nir-spikes") ?? Manifest?.NirSpikes;
    }

    /// <summary>The network built for a request: its overrides (the duration as given, possibly NaN) and the compiled network.</summary>
    private sealed record BuiltRun(RunRequest Request, RunOverrides Overrides, CompiledNetwork Network, double BuildSeconds)
    {
        /// <summary>The network description the workers of a cluster run build from (a NIR graph converted).</summary>
        public string NetworkText { get; init; } = "";
    }

    /// <summary>The network file (EventSpike or Rockpool JSON, or a NIR graph converted with the run's --dt) and its text.</summary>
    private static (NetworkSpec Spec, string Text, IReadOnlyList<string> Warnings) LoadNetwork(RunRequest request)
    {
        var path = request.NetworkPath;
        if (File.Exists(path) && Routing.Nir.NirFile.Looks(path))
            return NirNetworkFile.Load(path, NirNetworkFile.Options(path, request.Dt, request.NirReset, request.NirMethod, request.NirSpikes));
        var spec = NetworkFile.Load(path);
        return (spec, request.Clustered ? File.ReadAllText(path) : "", []);
    }

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var started = DateTime.UtcNow;
        var request = ParseRequest(args);
        if (request.Args.Value("device") is not null) ResidentRun.CheckOptions(request.Args);
        if (request.Args.Value("energy") is { } device && !Neurons.Energy.EnergyDevices.IsKnown(device))
            throw new InputException($"run: --energy: unknown device '{device}'; known: {string.Join(", ", Neurons.Energy.EnergyDevices.Names)}");
        var run = Build(request, stderr);
        var cluster = SetUpCluster(run);
        OutputFolder.Prepare(request.OutDir);
        var network = run.Network;
        foreach (var layer in network.FileLayers.Where(l => network.ShardsOf(l.Id).Count > 1))
            stderr.WriteLine($"{layer.Name}: {layer.Size} neurons in {network.ShardsOf(layer.Id).Count} shards ({string.Join(", ", network.ShardsOf(layer.Id).Select(s => s.Name))})");
        var options = new RunOptions(request.Credit, request.Threads)
        {
            Realtime = request.Args.Flag("realtime"), WatchdogSeconds = request.Args.Seconds("watchdog") ?? 60, Backend = request.Backend,
            ExtraHocon = request.Args.Flag("verbose") ? Actors.Runtime.StderrLogger.VerboseHocon : null,
        };
        // A new run gets a fresh id; a resumed one is the manifest's run (null for a run from before ids).
        var runId = request.Manifest is { } resumed ? resumed.RunId : Guid.NewGuid().ToString("N");
        if (request.Manifest is null) ClaimFolder(run, runId!, started, stderr);
        var (checkpointed, journal, resumeAt) = SetUpCheckpoints(run, runId, options, stderr);
        if (request.Manifest is not null) ClaimFolder(run, runId ?? Guid.NewGuid().ToString("N"), started, stderr);
        return RunAndWrite(run, cluster, checkpointed, journal, resumeAt, stdout, stderr, cancel);
    }

    /// <summary>
    /// Makes the output folder this run's, once every check has passed: a new run removes what the previous
    /// run wrote (and stale temporary files of killed runs) and lists its own files; a resumed run adds to its list.
    /// </summary>
    private static void ClaimFolder(BuiltRun run, string runId, DateTime started, TextWriter stderr)
    {
        var (request, network) = (run.Request, run.Network);
        var files = RecordingSink.FileNames(RecordedLayers(network), ProbeRecordings(network).Values, raster: !request.Args.Flag("no-plot"))
            .Append("summary.json");
        if (request.Manifest is not null)
        {
            RunFolder.Resume(request.OutDir, runId, files, started);
            return;
        }
        var removed = RunFolder.StartNew(request.OutDir, runId, files, started);
        if (removed.Count > 0) stderr.WriteLine($"{request.OutDir}: removed {removed.Count} files of an earlier run ({string.Join(", ", removed.Take(8))}{(removed.Count > 8 ? ", ..." : "")})");
    }

    /// <summary>Parses the options; with --resume, reads the run's manifest and checks the options given again against it.</summary>
    private static RunRequest ParseRequest(IReadOnlyList<string> args)
    {
        var a = CommandSpecs.Run.Parse(args);
        var resumeDir = a.Value("resume");
        RunManifest? manifest = resumeDir is null ? null : RunManifest.Load(resumeDir);
        if (manifest is null && a.Positional.Count != 1)
            throw new InputException("usage: eventspike run NETWORK.json [--duration S] [--dt S] [--out DIR] [--seed N] [--threads N] [--input LAYER=FILE]... [--checkpoint-every S] | run --resume DIR");
        if (manifest is not null) CheckResumeOptions(a, manifest, resumeDir!);
        var clustered = a.Value("seed-nodes") is not null;
        return new RunRequest(a, manifest, manifest?.Network ?? a.Positional[0],
            Dt: manifest is not null ? manifest.Dt : a.Seconds("dt"),
            Inputs: manifest?.Inputs ?? a.All("input"),
            Threads: (int)(a.Integer("threads", 1) ?? Environment.ProcessorCount),
            Credit: (int)(a.Integer("credit", 1) ?? manifest?.Credit ?? (clustered ? DefaultClusterCredit : 4)),
            OutDir: resumeDir ?? a.Value("out") ?? "out",
            CheckpointEvery: manifest?.CheckpointEvery ?? a.Seconds("checkpoint-every"),
            Clustered: clustered,
            // Layers above this many neurons run as shards (on several nodes in a cluster run); 0: none.
            ShardSize: (int)(manifest?.ShardSize ?? a.Integer("shard-size", 0) ?? (clustered ? DefaultClusterShardSize : 0)));
    }

    /// <summary>Reads the network file, lays the run's overrides over it and compiles it; prints the compiler's warnings.</summary>
    private static BuiltRun Build(RunRequest request, TextWriter stderr)
    {
        var build = Stopwatch.StartNew();
        var (a, manifest, networkPath) = (request.Args, request.Manifest, request.NetworkPath);
        var (spec, networkText, conversionWarnings) = LoadNetwork(request);
        var overrides = new RunOverrides(manifest?.Seed ?? (ulong?)a.Integer("seed", 0) ?? spec.Seed,
            a.Seconds("duration") ?? manifest?.Duration ?? spec.Duration, request.Dt, request.Inputs)
        {
            // A cluster run reads its inputs once, here, and ships those bytes to the workers.
            Contents = request.Clustered ? InputFiles.ReadAll(request.Inputs) : null,
        };
        spec = overrides.ApplyTo(spec);
        if (double.IsNaN(spec.Dt)) throw new InputException($"{networkPath}: dt: missing 'dt'; give it in the file or with --dt");
        if (double.IsNaN(spec.Duration))
            spec = spec with
            {
                Duration = InputFiles.LatestEnd(request.Inputs) ?? throw new InputException($"{networkPath}: duration: the network file has no duration; give --duration or an --input file"),
            };
        // A cluster's coordinator checks every connection but draws no synapse: the nodes build those of their layers.
        var network = NetworkBuilder.Compile(spec, networkPath, request.ShardSize, request.Clustered ? new HashSet<string>() : null,
            a.Value("max-memory") is { } max ? ByteSize.Parse(max, "--max-memory") : null);
        if (conversionWarnings.Count > 0) network = network.WithWarnings(conversionWarnings);
        CheckBackends(network, request, networkPath);
        build.Stop();
        foreach (var warning in network.Warnings) stderr.WriteLine("warning: " + warning);
        return new BuiltRun(request, overrides, network, build.Elapsed.TotalSeconds) { NetworkText = networkText };
    }

    /// <summary>
    /// Every layer can run on the backend it gets (the file's, else --backend's where it can): exit 2 naming the
    /// layer and the limit before anything is written. A cluster's coordinator checks what a backend can run;
    /// its devices and limits are checked on the nodes that host the layers.
    /// </summary>
    private static void CheckBackends(CompiledNetwork network, RunRequest request, string networkPath)
    {
        if (request.Args.Value("device") is { } accelerator)
        {
            ResidentRun.Check(network, accelerator, networkPath);
            return;
        }
        try
        {
            var factory = new Actors.Hosting.LayerFactory(network, request.Backend);
            if (request.Backend is { } named) Actors.Hosting.BackendRegistry.Get(named);
            if (!request.Clustered) factory.Validate();
            else foreach (var layer in network.Layers) factory.ProviderFor(layer.Id);
        }
        catch (Actors.Hosting.BackendLimitException e)
        {
            throw new InputException($"{networkPath}: {e.Message}");
        }
    }

    /// <summary>
    /// With --checkpoint-every: the checkpoint store and the journal in out/checkpoints; a new run saves its
    /// manifest, a resumed one picks its newest complete checkpoint (and the journal's length there).
    /// </summary>
    private static (RunOptions Options, string? Journal, long? ResumeAt) SetUpCheckpoints(BuiltRun run, string? runId, RunOptions options, TextWriter stderr)
    {
        var (request, network) = (run.Request, run.Network);
        if (request.CheckpointEvery is not { } every) return (options, null, null);
        var outDir = request.OutDir;
        var windowSeconds = network.Plan.WindowSteps * network.Dt;
        var store = new CheckpointStore(Path.Combine(outDir, RunFolder.CheckpointFolder), runId);
        options = options with
        {
            CheckpointStore = store,
            CheckpointEveryWindows = Math.Max(1, (long)Math.Round(every / windowSeconds)),
            CheckpointWritten = path => stderr.WriteLine($"checkpoint: {path}"),
        };
        var journal = Path.Combine(outDir, "checkpoints", JournalFile);
        if (request.Manifest is null)
        {
            var o = run.Overrides;
            new RunManifest(Path.GetFullPath(request.NetworkPath), o.Seed, o.Duration, o.Dt, every, o.Inputs, request.Credit)
                { ShardSize = request.ShardSize, RunId = runId, NirReset = request.NirReset, NirMethod = request.NirMethod, NirSpikes = request.NirSpikes }.Save(outDir);
            return (options, journal, null);
        }
        var newest = store.Newest() ?? throw new InputException(store.Foreign().Count == 0
            ? $"--resume {outDir}: no complete checkpoint in {store.Folder}"
            : $"--resume {outDir}: no complete checkpoint of run {runId ?? "(no id)"} in {store.Folder}; {Path.GetFileName(store.Foreign()[0])} and the other {store.Foreign().Count - 1} there belong to another run or do not read back");
        if (newest.Checkpoint.Step > network.Plan.TotalSteps)
            throw new InputException($"--resume {outDir}: the newest checkpoint is at {newest.Checkpoint.Step * network.Dt} s, past --duration {run.Overrides.Duration} s");
        if (newest.Checkpoint.WindowSteps != network.Plan.WindowSteps)
            throw new InputException($"--resume {outDir}: the checkpoint's windows are {newest.Checkpoint.WindowSteps} steps, this run's {network.Plan.WindowSteps}");
        stderr.WriteLine($"resuming from {newest.Path} (step {newest.Checkpoint.Step})");
        return (options with { Resume = newest.Checkpoint }, journal, newest.Checkpoint.JournalBytes);
    }

    /// <summary>The journal's name in the checkpoint folder.</summary>
    public const string JournalFile = "recording.journal";

    /// <summary>With --seed-nodes: the coordinator, and the request every worker builds the network from.</summary>
    private static (ClusterCoordinator? Coordinator, HostLayers? Template) SetUpCluster(BuiltRun run)
    {
        var (a, request) = (run.Request.Args, run.Request);
        if (a.Value("seed-nodes") is not { } seedNodes)
        {
            if (a.Value("cluster") is not null || a.Value("min-nodes") is not null || a.Value("on-node-loss") is not null)
                throw new InputException("run: --cluster, --min-nodes and --on-node-loss need --seed-nodes");
            return (null, null);
        }
        if (request.Manifest is not null)
            throw new InputException("run: --resume is not available for cluster runs in this version (a cluster run resumes by itself with --on-node-loss resume)");
        var extra = a.Value("cluster") is { } hocon
            ? File.Exists(hocon) ? File.ReadAllText(hocon) : throw new InputException($"--cluster {hocon}: file not found")
            : null;
        if (a.Flag("verbose")) extra += "\n" + Actors.Runtime.StderrLogger.VerboseHocon;
        var coordinator = new ClusterCoordinator
        {
            Seeds = NodeCommand.Seeds(seedNodes, null),
            MinNodes = (int)(a.Integer("min-nodes", 1) ?? 1),
            JoinTimeout = TimeSpan.FromSeconds(a.Seconds("join-timeout") ?? 30),
            ExtraHocon = extra,
            Tls = TlsOptions.From(a),
            ResumeOnNodeLoss = OnNodeLoss(a, request.CheckpointEvery is not null),
        };
        var o = run.Overrides;
        var template = new HostLayers(run.NetworkText, request.NetworkPath, o.Seed, run.Network.Duration, o.Dt, o.Inputs, [],
            request.Threads, Akka.Actor.ActorRefs.Nobody) { ShardSize = request.ShardSize, Backend = request.Backend, InputData = o.Contents };
        return (coordinator, template);
    }

    /// <summary>Runs the network (locally or on a cluster) into the recording, then writes the outputs and says how it went.</summary>
    private static int RunAndWrite(BuiltRun run, (ClusterCoordinator? Coordinator, HostLayers? Template) cluster, RunOptions options, string? journal,
        long? resumeAt, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var (network, outDir) = (run.Network, run.Request.OutDir);
        var progress = new ProgressDisplay(stderr, network.Plan.TotalSteps, network.Dt, ProgressDisplay.TerminalAttached);
        options = options with { Progress = progress.Report };
        // The recording: made anew when a cluster run resumes after losing a node (its journal cut back to the checkpoint).
        var sink = OpenSink(network, outDir, journal, resumeAt);
        try
        {
            var (coordinator, template) = cluster;
            var device = run.Request.Args.Value("device");
            var result = progress.RunAsync(() => coordinator is null
                ? device is null ? LocalRunner.RunAsync(network, sink, options, cancel) : ResidentRun.RunAsync(network, sink, device, cancel)
                : coordinator.RunAsync(network, template!, checkpoint =>
                {
                    if (checkpoint is null) return sink;
                    sink.Dispose();
                    return sink = OpenSink(network, outDir, journal, checkpoint.JournalBytes);
                }, options, stderr, cancel)).GetAwaiter().GetResult();
            return Report(run, result, sink, coordinator, stdout, stderr);
        }
        finally
        {
            sink.Dispose();
        }
    }

    private static RecordingSink OpenSink(CompiledNetwork network, string outDir, string? journal, long? resumeAt) =>
        RunRecording.OpenSink(network, outDir, journal, resumeAt);

    private static IEnumerable<RecordedLayer> RecordedLayers(CompiledNetwork network) => RunRecording.RecordedLayers(network);

    private static Dictionary<int, ProbeRecording> ProbeRecordings(CompiledNetwork network) => RunRecording.ProbeRecordings(network);

    /// <summary>An interrupted or failed run says so; a finished one gets its outputs, its summary and its one line on stdout.</summary>
    private static int Report(BuiltRun run, RunResult result, RecordingSink sink, ClusterCoordinator? coordinator, TextWriter stdout, TextWriter stderr)
    {
        var (network, outDir) = (run.Network, run.Request.OutDir);
        if (result.Interrupted)
        {
            // The prefix every recorded layer finished: spikes.csv (written already), the .npz files, the raster and a summary marked so.
            if (result.StepsReached > 0)
            {
                sink.WriteOutputs(outDir, result.StepsReached, run.Request.Args.Flag("no-plot") ? null : network.Name);
                InterruptedSummary.Write(Path.Combine(outDir, "summary.json"), network, sink, result, run.BuildSeconds);
            }
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"interrupted: the outputs in {outDir} hold the first {result.StepsReached * network.Dt:0.####} s, which every recorded layer finished"));
            return ExitCodes.Interrupted;
        }
        if (!result.Succeeded)
        {
            stderr.WriteLine($"run failed at step {result.StepsReached} ({(result.StepsReached * network.Dt).ToString("0.####", CultureInfo.InvariantCulture)} s): {result.Failure}; no summary was written");
            return ExitCodes.RunFailed;
        }
        var simulated = result.Completed!.Steps * network.Dt;
        sink.WriteOutputs(outDir, result.Completed.Steps, run.Request.Args.Flag("no-plot") ? null : network.Name);
        RunSummary.Write(Path.Combine(outDir, "summary.json"), network, result, run.BuildSeconds, run.Request.Threads,
            coordinator?.Nodes, coordinator?.Placement, coordinator?.Lost, coordinator?.Traffic, coordinator?.Synapses,
            extra: w =>
            {
                if (run.Request.Args.Value("energy") is { } energy) RunEnergyJson.Write(w, energy, network, result.Completed.Layers);
                Hardware.Dynapse.Backend.DeviceLinkReport.Write(w, network);
                sink.FirstSpike.WriteJson(w);
            });
        var total = result.Completed.Layers.Sum(l => l.Spikes);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network.Name}: {simulated:0.###} s simulated in {result.WallSeconds:0.###} s ({SpeedFigure.Text(simulated, result.WallSeconds)}), {total} spikes; outputs in {outDir}"));
        return ExitCodes.Done;
    }
}
