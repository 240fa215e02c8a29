using System.Diagnostics;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Recording;
using EventSpike.Neurons.Kernels;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Runs a compiled network in one process: an actor system with a scheduler, one actor per layer
/// (built by the <see cref="LayerFactory"/>) and a recorder, shut down cleanly at the end. A cluster
/// run uses the same steps with its layers hosted on other nodes.
/// </summary>
public static class LocalRunner
{
    public const string LayerDispatcher = "eventspike.layer-dispatcher";

    private static int _runs;

    /// <summary>The embedded single-node HOCON with the thread count set.</summary>
    public static Config LoadConfig(int threads, string? extraHocon = null)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EventSpike.single-node.hocon")
            ?? throw new InvalidOperationException("embedded single-node.hocon is missing");
        using var reader = new StreamReader(stream);
        var baseConfig = ConfigurationFactory.ParseString(reader.ReadToEnd());
        var count = threads > 0 ? threads : Environment.ProcessorCount;
        var groups = string.Concat(Enumerable.Range(0, count).Select(g =>
            $"{GroupDispatcher(g)} {{ type = ForkJoinDispatcher, throughput = 10, dedicated-thread-pool {{ thread-count = 1, threadtype = background }} }}\n"));
        var overrides = ConfigurationFactory.ParseString(
            $"{LayerDispatcher}.dedicated-thread-pool.thread-count = {count}\n{groups}{extraHocon ?? ""}");
        return overrides.WithFallback(baseConfig);
    }

    /// <summary>
    /// The one-thread dispatcher of layer group <paramref name="group"/> (<see cref="LayerParallelism.Groups"/>): layers that
    /// run side by side stay on one thread each, window after window, as the plain loop keeps them on one core.
    /// </summary>
    public static string GroupDispatcher(int group) => $"{LayerDispatcher}-{group}";

    /// <summary>
    /// Creates the layer actors of a run somewhere (this process, or other nodes) and returns them in
    /// layer order. <c>inputsOf</c>[l] lists layer l's external inputs.
    /// </summary>
    public delegate Task<(IReadOnlyList<IActorRef> Layers, IReadOnlyList<Cluster.HostedNode> Nodes)> LayerHosting(IActorRef scheduler, IReadOnlyList<IReadOnlyList<LayerInput>> inputsOf,
        CheckpointSettings? checkpoints, Checkpoint? resume);

    public static async Task<RunResult> RunAsync(CompiledNetwork network, ISpikeSink sink, RunOptions options, CancellationToken cancel = default)
    {
        var system = CreateSystem(options);
        try
        {
            return await RunHereAsync(system, network, sink, options, null, cancel).ConfigureAwait(false);
        }
        finally
        {
            // A layer stuck in its computation cannot stop; do not wait for it for ever.
            await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The actor system a local run uses (<see cref="LoadConfig"/> with the options' threads and HOCON). Made once and
    /// handed to several <see cref="RunAsync(ActorSystem, CompiledNetwork, ISpikeSink, RunOptions, CancellationToken)"/>,
    /// later runs skip its start-up (the configuration parsed, extensions and dispatchers made, and the JIT compiling
    /// that code again while the next run computes); the caller terminates it.
    /// </summary>
    public static ActorSystem CreateSystem(RunOptions options) => ActorSystem.Create("eventspike", LoadConfig(options.Threads, options.ExtraHocon));

    /// <summary>
    /// Runs in this process on <paramref name="system"/> (from <see cref="CreateSystem"/> with the same threads and HOCON)
    /// and stops the run's actors at the end, so the system can run the next network.
    /// </summary>
    public static async Task<RunResult> RunAsync(ActorSystem system, CompiledNetwork network, ISpikeSink sink, RunOptions options,
        CancellationToken cancel = default)
    {
        var owned = new List<IActorRef>();
        try
        {
            return await RunHereAsync(system, network, sink, options, owned, cancel).ConfigureAwait(false);
        }
        finally
        {
            // The layers' backends are disposed as their actors stop; a layer stuck in its computation is not waited for.
            await Task.WhenAny(Task.WhenAll(owned.Select(a => a.GracefulStop(TimeSpan.FromSeconds(5)))), Task.Delay(TimeSpan.FromSeconds(5)))
                .ConfigureAwait(false);
        }
    }

    /// <summary>A local run on <paramref name="system"/>; its own actors are added to <paramref name="owned"/> when given.</summary>
    private static async Task<RunResult> RunHereAsync(ActorSystem system, CompiledNetwork network, ISpikeSink sink, RunOptions options,
        List<IActorRef>? owned, CancellationToken cancel)
    {
        using var pool = new KernelPool(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        // Layers that run side by side on the dispatcher's threads are not split too: a split would add the pool's
        // helpers to threads already as many as the cores.
        var sideBySide = LayerParallelism.SideBySide(network, pool.Workers);
        var factory = new LayerFactory(network, options.Backend, sideBySide ? null : pool);
        factory.Validate();
        var groups = sideBySide ? LayerParallelism.Groups(network, pool.Workers) : null;
        var result = await RunOnAsync(system, network, sink, options, null, cancel, factory, owned, groups).ConfigureAwait(false);
        return result with { Pool = pool.Statistics };
    }

    /// <summary>
    /// Runs on an existing actor system: the scheduler, recorder and checkpoints here, the layers
    /// where <paramref name="hosting"/> puts them (here, built by <paramref name="factory"/>, when null).
    /// </summary>
    public static Task<RunResult> RunOnAsync(ActorSystem system, CompiledNetwork network, ISpikeSink sink, RunOptions options,
        LayerHosting? hosting, CancellationToken cancel = default, LayerFactory? factory = null) =>
        RunOnAsync(system, network, sink, options, hosting, cancel, factory, null, null);

    /// <summary>
    /// As above; the run's own actors made here (not the layers hosted elsewhere) are added to <paramref name="owned"/>; with
    /// <paramref name="groups"/> each group of layers hosted here runs on a thread of its own, and the scheduler and recorder
    /// on the lightest group's.
    /// </summary>
    private static async Task<RunResult> RunOnAsync(ActorSystem system, CompiledNetwork network, ISpikeSink sink, RunOptions options,
        LayerHosting? hosting, CancellationToken cancel, LayerFactory? factory, List<IActorRef>? owned, int[][]? groups)
    {
        var resume = options.Resume;
        var plan = network.Plan;
        if (resume is not null && (resume.WindowSteps != plan.WindowSteps || resume.Layers.Length != network.Layers.Count))
            throw new InvalidOperationException(
                $"the checkpoint was taken with {resume.Layers.Length} layers and windows of {resume.WindowSteps} steps; this network has {network.Layers.Count} and {plan.WindowSteps}");
        var run = Interlocked.Increment(ref _runs);
        var lightest = groups is null ? null
            : GroupDispatcher(Enumerable.Range(0, groups.Length).MinBy(g => groups[g].Sum(l => (long)network.Layers[l].Size)));
        var (scheduler, recorder, checkpoints) = StartRunActors(system, network, sink, options, run, owned, local: hosting is null, lightest);
        var inputsOf = network.Layers.Select(l => LayerInput.Of(network, l.Id)).ToList();
        if (options.WatchdogSeconds > 0)
            scheduler.Tell(new StallWatch(options.WatchdogSeconds, network.Layers.Select(l => l.Name).ToList(), inputsOf));
        var setup = Stopwatch.StartNew();
        // Until the run starts, a failure (the watchdog, a lost node) answers here: hosting may never finish.
        using var started = new CancellationTokenSource();
        var early = scheduler.Ask<RunFailed>(new FailureBeforeStart(), Timeout.InfiniteTimeSpan, started.Token);
        var hostingLayers = hosting is not null
            ? HostElsewhere(system, network, hosting(scheduler, inputsOf, checkpoints, resume), recorder, scheduler, run)
            : HostHere(system, network, factory ?? new LayerFactory(network, options.Backend), options, scheduler, recorder, checkpoints, run, owned,
                groups);
        if (await Task.WhenAny(hostingLayers, early).ConfigureAwait(false) == early && early.IsCompletedSuccessfully)
            return new RunResult(null, early.Result.Reason, false, early.Result.StepsReached, setup.Elapsed.TotalSeconds);
        var layers = await hostingLayers.ConfigureAwait(false);
        started.Cancel();

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var reply = scheduler.Ask<object>(new StartRun(layers, recorder, options.Realtime ? network.Dt : null), Timeout.InfiniteTimeSpan, cancel);
        object outcome;
        try
        {
            outcome = await reply.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return await InterruptAsync(scheduler, recorder, checkpoints, clock, plan).ConfigureAwait(false);
        }
        var wall = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return outcome switch
        {
            RunCompleted done => new RunResult(done, null, false, done.Steps, wall) { CpuSeconds = cpuSeconds },
            RunFailed failed => new RunResult(null, failed.Reason, false, failed.StepsReached, wall),
            _ => new RunResult(null, $"unexpected reply {outcome}", false, 0, wall),
        };
    }

    /// <summary>
    /// The scheduler, the checkpoint collector (when checkpoints are on) and the recorder of run <paramref name="run"/>.
    /// In a <paramref name="local"/> run the scheduler and recorder share the layers' dispatcher threads: a layer's
    /// WindowDone and spike batch are then run by a thread already awake (the one that finished the window, or the
    /// other layer thread) rather than waking a thread-pool worker for each window and letting it sleep again. CUBA
    /// 10 s (1,000 windows, one layer): process CPU 0.56–0.60 → 0.51–0.53 s at the same wall. Layers never block a thread
    /// (their computations are tasks), so the two actors always get one. A cluster run keeps them on the default
    /// dispatcher, where remote messages arrive. Layers in groups (<paramref name="dispatcher"/>: the lightest group's) share
    /// that group's thread instead.
    /// </summary>
    private static (IActorRef Scheduler, IActorRef Recorder, CheckpointSettings? Checkpoints) StartRunActors(ActorSystem system,
        CompiledNetwork network, ISpikeSink sink, RunOptions options, int run, List<IActorRef>? owned, bool local, string? dispatcher)
    {
        var plan = network.Plan;
        var consumers = network.Layers.Select(l => network.ConsumersOf(l.Id)).ToList();
        var sources = network.Layers.Select(l => l.Model.Ports.Count == 0).ToList();
        Props OnLayerThreads(Props props) => local ? props.WithDispatcher(dispatcher ?? LayerDispatcher) : props;
        var scheduler = system.ActorOf(OnLayerThreads(SchedulerActor.Props(plan, consumers, options.Credit, options.Progress, null, options.Resume?.Layers, sources)),
            $"scheduler-{run}");
        CheckpointSettings? checkpoints = null;
        if (options.CheckpointStore is not null && options.CheckpointEveryWindows > 0)
        {
            var collector = system.ActorOf(CheckpointActor.Props(options.CheckpointStore, network.Layers.Count, plan.WindowSteps, scheduler,
                options.CheckpointWritten), $"checkpoints-{run}");
            checkpoints = new CheckpointSettings(options.CheckpointEveryWindows, collector);
            owned?.Add(collector);
            scheduler.Tell(checkpoints);
        }
        var recorded = network.Layers.Where(l => l.Recorded).Select(l => l.Id).ToList();
        var recorder = system.ActorOf(OnLayerThreads(RecorderActor.Props(recorded, plan, FileLayerSink.For(sink, network), scheduler, checkpoints,
            options.Resume?.Window ?? 0, network.Probes.Count)), $"recorder-{run}");
        owned?.AddRange([scheduler, recorder]);
        return (scheduler, recorder, checkpoints);
    }

    /// <summary>
    /// Starts every layer's actor in this process, under a <see cref="LayerSupervisor"/> that fails the run when one
    /// crashes, and wires each to its consumers, the recorder and its probes. With <paramref name="groups"/>, each layer
    /// runs on its group's thread.
    /// </summary>
    private static async Task<IReadOnlyList<IActorRef>> HostHere(ActorSystem system, CompiledNetwork network, LayerFactory factory,
        RunOptions options, IActorRef scheduler, IActorRef recorder, CheckpointSettings? checkpoints, int run, List<IActorRef>? owned,
        int[][]? groups)
    {
        var groupOf = new int[network.Layers.Count];
        for (var g = 0; g < (groups?.Length ?? 0); g++)
            foreach (var l in groups![g]) groupOf[l] = g;
        var specs = network.Layers.Select(layer => (
            OnGroupThread(factory.Props(layer.Id, scheduler, checkpoints, options.Resume?.Layers[layer.Id], options.Backends?[layer.Id]), layer.Id),
            layer.Name, $"layer-{layer.Id}-{run}")).ToList();
        Props OnGroupThread(Props props, int layer) => groups is null ? props : props.WithDispatcher(GroupDispatcher(groupOf[layer]));
        var started = new TaskCompletionSource<IReadOnlyList<IActorRef>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var supervisor = system.ActorOf(LayerSupervisor.Props(scheduler, specs, started), $"layers-{run}");
        owned?.Add(supervisor);
        var layers = await started.Task.ConfigureAwait(false);
        foreach (var layer in network.Layers)
        {
            var probes = network.ProbesOf(layer.Id);
            layers[layer.Id].Tell(new Wire(network.ConsumersOf(layer.Id).Select(k => layers[k]).ToList(), layer.Recorded ? recorder : null,
                probes.Count > 0 ? recorder : null, probes.Select(p => p.Id).ToList()));
        }
        return layers;
    }

    /// <summary>Waits for the layers hosted on other nodes and wires them through this node's inbox.</summary>
    private static async Task<IReadOnlyList<IActorRef>> HostElsewhere(ActorSystem system, CompiledNetwork network,
        Task<(IReadOnlyList<IActorRef> Layers, IReadOnlyList<Cluster.HostedNode> Nodes)> hosting, IActorRef recorder, IActorRef scheduler, int run)
    {
        var hosted = await hosting.ConfigureAwait(false);
        var inbox = system.ActorOf(Cluster.InboxActor.Props(new Dictionary<int, IActorRef>(), recorder, scheduler), $"inbox-{run}");
        Cluster.ClusterWiring.Wire(network, hosted.Layers.ToList(), hosted.Nodes, inbox, scheduler);
        return hosted.Layers;
    }

    /// <summary>
    /// Interrupted: with checkpoints, stop at a window every layer can reach and checkpoint there; then
    /// close the outputs with the windows every recorded layer finished (<see cref="RunResult.StepsReached"/>: the steps they cover).
    /// </summary>
    private static async Task<RunResult> InterruptAsync(IActorRef scheduler, IActorRef recorder, CheckpointSettings? checkpoints, Stopwatch clock,
        WindowPlan plan)
    {
        string? checkpointPath = null;
        if (checkpoints is not null)
        {
            try
            {
                var answer = await scheduler.Ask<object>(new Interrupt(), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                if (answer is CheckpointWritten written) checkpointPath = written.Path;
            }
            catch (AskTimeoutException)
            {
                // No checkpoint in time: the outputs are still closed below.
            }
        }
        var closed = await recorder.Ask<object>(new FinishRecording(), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var note = checkpointPath is null ? "" : $"; checkpoint {checkpointPath}";
        var steps = closed is RecordingFinished { Windows: > 0 } f ? Math.Min(plan.TotalSteps, plan.StartOf(f.Windows)) : 0;
        return new RunResult(null, (closed is RecordingFinished ? "interrupted" : "interrupted; outputs could not be closed") + note,
            true, steps, clock.Elapsed.TotalSeconds);
    }
}
