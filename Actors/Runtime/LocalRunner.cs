using System.Diagnostics;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Recording;
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

    public static async Task<RunResult> RunAsync(CompiledNetwork network, ISpikeSink sink, RunOptions options, CancellationToken cancel = default)
    {
        var system = ActorSystem.Create("eventspike", LoadConfig(options.Threads, options.ExtraHocon));
        try
        {
            var plan = network.Plan;
            var consumers = network.Layers.Select(l => network.ConsumersOf(l.Id)).ToList();
            var scheduler = system.ActorOf(SchedulerActor.Props(plan, consumers, options.Credit, options.Progress), "scheduler");
            var recorded = network.Layers.Where(l => l.Recorded).Select(l => l.Id).ToList();
            var recorder = system.ActorOf(RecorderActor.Props(recorded, plan, sink, scheduler), "recorder");

            var pool = new KernelPool(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
            var layers = new List<IActorRef>();
            foreach (var layer in network.Layers)
            {
                var incoming = network.IncomingOf(layer.Id);
                var inputs = incoming.Select((c, i) => (c, i)).Where(x => !x.c.Recurrent)
                    .Select(x => new LayerInput(x.i, x.c.From, x.c.DelaySteps)).ToList();
                var props = LayerActor.Props(layer.Id, network.CreateEngine(layer.Id, pool: pool), plan, inputs, scheduler)
                    .WithDispatcher(LayerDispatcher);
                layers.Add(system.ActorOf(props, $"layer-{layer.Id}"));
            }
            foreach (var layer in network.Layers)
                layers[layer.Id].Tell(new Wire(consumers[layer.Id].Select(k => layers[k]).ToList(), layer.Recorded ? recorder : null));

            var clock = Stopwatch.StartNew();
            var reply = scheduler.Ask<object>(new StartRun(layers, recorder), Timeout.InfiniteTimeSpan, cancel);
            object outcome;
            try
            {
                outcome = await reply.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: close the outputs with the windows every recorded layer finished.
                var closed = await recorder.Ask<object>(new FinishRecording(), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                return new RunResult(null, closed is RecordingFinished ? "interrupted" : "interrupted; outputs could not be closed",
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
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }
}
