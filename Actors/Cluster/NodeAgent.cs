using Akka.Actor;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Kernels;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// Lives on every worker node at <c>/user/agent</c>. Asked to host layers, it builds the network from
/// the coordinator's description (seeded, so the tables are the ones every other node builds) and
/// starts those layers' actors here; they then talk to the coordinator's scheduler and to the other
/// layers wherever those live.
/// </summary>
public sealed class NodeAgent : ReceiveActor
{
    public const string Name = "agent";

    private readonly Func<HostLayers, CompiledNetwork> _build;
    private readonly List<IActorRef> _hosted = new();
    private readonly Dictionary<IActorRef, (string What, IActorRef Scheduler)> _supervised = new();
    private int _run;
    private KernelPool? _pool;
    private Akka.Streams.Dsl.Tcp.ServerBinding? _link;
    private Akka.Streams.IMaterializer? _materializer;

    public NodeAgent(Func<HostLayers, CompiledNetwork> build)
    {
        _build = build;
        Receive<HostLayers>(Host);
        Receive<StopNode>(_ =>
        {
            foreach (var layer in _hosted) Context.Stop(layer);
            _hosted.Clear();
            _supervised.Clear();
            Unbind();
            ReleaseMemory();
        });
    }

    public static Props Props(Func<HostLayers, CompiledNetwork> build) => Akka.Actor.Props.Create(() => new NodeAgent(build));

    /// <summary>A hosted actor that crashes is stopped and fails its run at once, naming it and this node.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new LayerCrashStrategy((child, cause) =>
    {
        if (!_supervised.Remove(child, out var hosted)) return;
        var node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        hosted.Scheduler.Tell(new Messages.RunFailed($"{LayerCrashStrategy.Describe(hosted.What, cause)} (on node {node})", 0));
    });

    /// <summary>Stops listening for the previous run's spike links.</summary>
    private void Unbind()
    {
        _link?.Unbind();
        _link = null;
    }

    /// <summary>A node lives on from run to run: what a run built and no longer uses goes back to the system.</summary>
    private static void ReleaseMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private void Host(HostLayers request)
    {
        try
        {
            CompiledNetwork? network = _build(request);
            _pool?.Dispose();
            var pool = _pool = new KernelPool(request.Threads > 0 ? request.Threads : Environment.ProcessorCount);
            var actors = new List<IActorRef>();
            _run++;
            var checkpoints = request.CheckpointEveryWindows > 0 && request.Collector is not null
                ? new CheckpointSettings(request.CheckpointEveryWindows, request.Collector)
                : null;
            var factory = new Hosting.LayerFactory(network, request.Backend, pool);
            for (var k = 0; k < request.Layers.Count; k++)
            {
                var id = request.Layers[k];
                var actor = Context.ActorOf(factory.Props(id, request.Scheduler, checkpoints, request.Resume?[k]), $"run{_run}-layer-{id}");
                actors.Add(actor);
                _hosted.Add(actor);
                _supervised[actor] = ($"layer '{network.Layers[id].Name}'", request.Scheduler);
            }
            var node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
            var outbox = Context.ActorOf(OutboxActor.Props(node, request.ReportEvery), $"run{_run}-outbox");
            var inbox = Context.ActorOf(InboxActor.Props(request.Layers.Zip(actors).ToDictionary(p => p.First, p => p.Second), null, outbox: outbox), $"run{_run}-inbox");
            _hosted.Add(outbox);
            _hosted.Add(inbox);
            _supervised[outbox] = ("the node's outbox", request.Scheduler);
            _supervised[inbox] = ("the node's inbox", request.Scheduler);
            var linkPort = 0;
            Unbind();
            if (request.SpikeLink && !SpikeLink.OverTls(Context.System))
            {
                var binding = SpikeLink.Listen(Context.System, _materializer ??= Akka.Streams.ActorMaterializer.Create(Context.System), Akka.Cluster.Cluster.Get(Context.System).SelfAddress.Host!, inbox);
                _link = binding;
                linkPort = ((System.Net.IPEndPoint)binding.LocalAddress).Port;
            }
            var synapses = request.Layers.SelectMany(network.IncomingOf).Select(c => c.Synapses).Distinct().Sum(t => t.Count);
            Sender.Tell(new LayersHosted(request.Layers, actors, null) { Outbox = outbox, Inbox = inbox, Synapses = synapses, LinkPort = linkPort });
            network = null;
            ReleaseMemory(); // the whole tables of connections split into shards were built to be cut: give them back
        }
        catch (Exception e)
        {
            Sender.Tell(new LayersHosted(request.Layers, [], $"{Akka.Cluster.Cluster.Get(Context.System).SelfAddress}: {e.Message}"));
        }
    }
}
