using System.Diagnostics;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Recording;
using EventSpike.Neurons.Runtime;
using EventSpike.Neurons.Kernels;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Runtime;

/// <summary>
/// Runs a compiled network in one process: an actor system with a scheduler, one actor per layer
/// and a recorder, shut down cleanly at the end.
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
        var overrides = ConfigurationFactory.ParseString(
            $"{LayerDispatcher}.dedicated-thread-pool.thread-count = {count}\n{extraHocon ?? ""}");
        return overrides.WithFallback(baseConfig);
    }

    /// <summary>
    /// Creates the layer actors of a run somewhere (this process, or other nodes) and returns them in
    /// layer order. <c>inputsOf</c>[l] lists layer l's external inputs.
    /// </summary>
    public delegate Task<(IReadOnlyList<IActorRef> Layers, IReadOnlyList<Cluster.HostedNode> Nodes)> LayerHosting(IActorRef scheduler, IReadOnlyList<IReadOnlyList<LayerInput>> inputsOf,
        CheckpointSettings? checkpoints, Checkpoint? resume);

    public static async Task<RunResult> RunAsync(CompiledNetwork network, ISpikeSink sink, RunOptions options, CancellationToken cancel = default)
    {
        var system = ActorSystem.Create("eventspike", LoadConfig(options.Threads, options.ExtraHocon));
        try
        {
            return await RunOnAsync(system, network, sink, options, null, cancel).ConfigureAwait(false);
        }
        finally
        {
            // A layer stuck in its computation cannot stop; do not wait for it for ever.
            await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs on an existing actor system: the scheduler, recorder and checkpoints here, the layers
    /// where <paramref name="hosting"/> puts them (here when null).
    /// </summary>
    public static async Task<RunResult> RunOnAsync(ActorSystem system, CompiledNetwork network, ISpikeSink sink, RunOptions options,
        LayerHosting? hosting, CancellationToken cancel = default)
    {
        {
            var plan = network.Plan;
            var resume = options.Resume;
            if (resume is not null && (resume.WindowSteps != plan.WindowSteps || resume.Layers.Length != network.Layers.Count))
                throw new InvalidOperationException(
                    $"the checkpoint was taken with {resume.Layers.Length} layers and windows of {resume.WindowSteps} steps; this network has {network.Layers.Count} and {plan.WindowSteps}");
            var consumers = network.Layers.Select(l => network.ConsumersOf(l.Id)).ToList();
            var run = Interlocked.Increment(ref _runs);
            var scheduler = system.ActorOf(SchedulerActor.Props(plan, consumers, options.Credit, options.Progress, null, resume?.Layers), $"scheduler-{run}");
            CheckpointSettings? checkpoints = null;
            if (options.CheckpointStore is not null && options.CheckpointEveryWindows > 0)
            {
                var collector = system.ActorOf(CheckpointActor.Props(options.CheckpointStore, network.Layers.Count, plan.WindowSteps, scheduler,
                    options.CheckpointWritten), $"checkpoints-{run}");
                checkpoints = new CheckpointSettings(options.CheckpointEveryWindows, collector);
                scheduler.Tell(checkpoints);
            }
            var recorded = network.Layers.Where(l => l.Recorded).Select(l => l.Id).ToList();
            var startWindow = resume?.Window ?? 0;
            var recorder = system.ActorOf(RecorderActor.Props(recorded, plan, Recording.FileLayerSink.For(sink, network), scheduler, checkpoints, startWindow, network.Probes.Count), $"recorder-{run}");

            var inputsOf = network.Layers.Select(l => LayerInput.Of(network, l.Id)).ToList();
            if (options.WatchdogSeconds > 0)
                scheduler.Tell(new StallWatch(options.WatchdogSeconds, network.Layers.Select(l => l.Name).ToList(), inputsOf));
            using var pool = new KernelPool(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
            var layers = new List<IActorRef>();
            if (hosting is not null)
            {
                var hosted = await hosting(scheduler, inputsOf, checkpoints, resume).ConfigureAwait(false);
                layers.AddRange(hosted.Layers);
                var inbox = system.ActorOf(Cluster.InboxActor.Props(new Dictionary<int, IActorRef>(), recorder, scheduler), $"inbox-{run}");
                Cluster.ClusterWiring.Wire(network, layers, hosted.Nodes, inbox, scheduler);
            }
            else
            {
                foreach (var layer in network.Layers)
                {
                    var inputs = inputsOf[layer.Id];
                    var state = resume?.Layers[layer.Id];
                    var engine = options.Engines?[layer.Id] ?? network.CreateEngine(layer.Id, pool: pool);
                    if (options.Engines is not null)
                    {
                        if (engine.Step != plan.FirstStep)
                            throw new InvalidOperationException($"layer {layer.Name}'s engine is at step {engine.Step}, the run starts at {plan.FirstStep}");
                    }
                    else if (state is null) engine.Reset(); // a compiled network may be run more than once
                    else
                        engine.Restore(new EngineSnapshot(state.Step, state.State, state.Random, state.Rings));
                    var props = LayerActor.Props(layer.Id, engine, plan, inputs, scheduler, checkpoints, state)
                        .WithDispatcher(LayerDispatcher);
                    layers.Add(system.ActorOf(props, $"layer-{layer.Id}-{run}"));
                }
                foreach (var layer in network.Layers)
                {
                    var probes = network.ProbesOf(layer.Id);
                    layers[layer.Id].Tell(new Wire(consumers[layer.Id].Select(k => layers[k]).ToList(), layer.Recorded ? recorder : null,
                        probes.Count > 0 ? recorder : null, probes.Select(p => p.Id).ToList()));
                }
            }

            var clock = Stopwatch.StartNew();
            var reply = scheduler.Ask<object>(new StartRun(layers, recorder, options.Realtime ? network.Dt : null), Timeout.InfiniteTimeSpan, cancel);
            object outcome;
            try
            {
                outcome = await reply.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: with checkpoints, stop at a window every layer can reach and checkpoint
                // there; then close the outputs with the windows every recorded layer finished.
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
                return new RunResult(null, (closed is RecordingFinished ? "interrupted" : "interrupted; outputs could not be closed") + note,
                    true, 0, clock.Elapsed.TotalSeconds);
            }
            var wall = clock.Elapsed.TotalSeconds;
            return outcome switch
            {
                RunCompleted done => new RunResult(done, null, false, done.Steps, wall),
                RunFailed failed => new RunResult(null, failed.Reason, false, failed.StepsReached, wall),
                _ => new RunResult(null, $"unexpected reply {outcome}", false, 0, wall),
            };
        }
    }
}
