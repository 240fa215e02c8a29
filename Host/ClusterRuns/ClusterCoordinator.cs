using Akka.Actor;
using Akka.Cluster;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Cluster;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Routing.Network;

namespace EventSpike.Host.ClusterRuns;

/// <summary>
/// <c>eventspike run --seed-nodes ...</c>: joins the cluster as its coordinator, waits for the worker
/// nodes, places the layers on them (each worker builds the same network from the description and
/// hosts its layers), keeps the scheduler and the recorder here, runs, and stops the workers' layers.
/// </summary>
public sealed class ClusterCoordinator
{
    public required IReadOnlyList<string> Seeds { get; init; }
    public required int MinNodes { get; init; }
    public required TimeSpan JoinTimeout { get; init; }
    public string? ExtraHocon { get; init; }

    /// <summary>The command its errors name (<c>run</c>, or <c>bench microcircuit</c>).</summary>
    public string Command { get; init; } = "run";
    public ClusterTls? Tls { get; init; }

    /// <summary>Where each layer ran, and the worker nodes of the run (filled by <see cref="RunAsync"/>).</summary>
    public Dictionary<int, string> Placement { get; } = new();

    public List<string> Nodes { get; } = new();

    /// <summary>With checkpoints on: after losing a node, continue from the newest checkpoint on the nodes that remain.</summary>
    public bool ResumeOnNodeLoss { get; init; }

    /// <summary>Nodes lost during the run, and the checkpoints resumed from.</summary>
    public List<string> Lost { get; } = new();

    /// <summary>
    /// Runs the network; <paramref name="sinkFor"/> gives the recording sink for a fresh start (null) or
    /// for a resume from a checkpoint (its journal mark).
    /// </summary>
    public async Task<RunResult> RunAsync(CompiledNetwork network, HostLayers template, Func<Checkpoint?, ISpikeSink> sinkFor, RunOptions options,
        TextWriter log, CancellationToken cancel)
    {
        var system = ClusterConfig.CreateSystem(ClusterConfig.Load("127.0.0.1", 0, Seeds, "coordinator", options.Threads, ExtraHocon, Tls is not null), Tls);
        var cluster = Akka.Cluster.Cluster.Get(system);
        ClusterDowning.Start(system);
        var agents = new List<ActorSelection>();
        var attempt = 0;
        var ended = false;
        var lostNow = new List<Address>();
        try
        {
            CheckFrameSize(system, template);
            var workers = await WaitForWorkers(cluster, MinNodes, cancel).ConfigureAwait(false);
            Nodes.AddRange(workers.Select(w => w.ToString()));
            Checkpoint? resume = null;
            while (true)
            {
                attempt++;
                var placement = ClusterPlacement.Place(network, workers);
                IReadOnlyList<IActorRef> outboxes = [];
                foreach (var (layer, address) in placement) Placement[layer] = address.ToString();
                log.WriteLine($"cluster: {workers.Count} worker node(s); " +
                    string.Join(", ", network.Layers.Select(l => $"{l.Name} on {placement[l.Id]}")));

                async Task<(IReadOnlyList<IActorRef>, IReadOnlyList<HostedNode>)> Host(IActorRef scheduler, IReadOnlyList<IReadOnlyList<LayerInput>> _,
                    CheckpointSettings? checkpoints, Checkpoint? from)
                {
                    var refs = new IActorRef[network.Layers.Count];
                    var nodes = new List<HostedNode>();
                    // Every node builds its part at the same time; each builds only the connections into the layers it hosts.
                    var groups = placement.GroupBy(p => p.Value).Select(g => (Node: g.Key, Layers: g.Select(p => p.Key).Order().ToList())).ToList();
                    // Watched from now on: a node lost while it builds fails the run at once (the scheduler answers for it).
                    var hosts = groups.ToDictionary(g => g.Node, g => (IReadOnlyList<string>)g.Layers.Select(l => network.Layers[l].Name).ToList());
                    system.ActorOf(NodeWatcher.Props(hosts, scheduler, address => { lock (lostNow) lostNow.Add(address); }), $"node-watcher-{attempt}");
                    var asks = groups.Select(g =>
                    {
                        var agent = system.ActorSelection($"{g.Node}/user/{NodeAgent.Name}");
                        agents.Add(agent);
                        var request = template with
                        {
                            Layers = g.Layers, Scheduler = scheduler, ReportEvery = ReportEvery(options.Credit), SpikeLink = Tls is null && SpikeLink.Enabled(system),
                            CheckpointEveryWindows = checkpoints?.EveryWindows ?? 0, Collector = checkpoints?.Collector,
                            Resume = from is null ? null : g.Layers.Select(l => from.Layers[l]).ToList(),
                            BuildInto = g.Layers.Select(l => network.FileLayers[network.Layers[l].OriginId].Name).Distinct().ToList(),
                        };
                        return agent.Ask<LayersHosted>(request, TimeSpan.FromMinutes(5));
                    }).ToList();
                    var replies = await Task.WhenAll(asks).ConfigureAwait(false);
                    Synapses = replies.Sum(r => r.Synapses);
                    for (var k = 0; k < groups.Count; k++)
                    {
                        var (node, layers) = groups[k];
                        var hosted = replies[k];
                        if (hosted.Error is not null) throw new InvalidOperationException($"a worker could not build its layers: {hosted.Error}");
                        for (var i = 0; i < layers.Count; i++) refs[layers[i]] = hosted.Actors[i];
                        nodes.Add(new HostedNode(node, hosted.Outbox!, hosted.Inbox!) { LinkPort = hosted.LinkPort });
                    }
                    outboxes = nodes.Select(n => n.Outbox).ToList();
                    return (refs, nodes);
                }

                var result = await LocalRunner.RunOnAsync(system, network, sinkFor(resume), options with { Resume = resume }, Host, cancel)
                    .ConfigureAwait(false);
                ended = result.Succeeded;
                if (result.Succeeded) await GatherTraffic(outboxes).ConfigureAwait(false);
                List<Address> unreachable;
                lock (lostNow)
                {
                    unreachable = lostNow.Distinct().ToList();
                    lostNow.Clear();
                }
                if (result.Succeeded || result.Interrupted || unreachable.Count == 0 || !ResumeOnNodeLoss || options.CheckpointStore is null)
                    return result;

                // A node was lost: down it, stop what the others host, and go on from the newest checkpoint.
                foreach (var address in unreachable)
                {
                    cluster.Down(address);
                    Lost.Add(address.ToString());
                }
                foreach (var agent in agents) agent.Tell(new StopNode());
                agents.Clear();
                var newest = options.CheckpointStore.Newest();
                if (newest is null) return result with { Failure = result.Failure + "; no checkpoint had been written, so the run cannot resume" };
                resume = newest.Value.Checkpoint;
                log.WriteLine($"{result.Failure}; resuming from {newest.Value.Path} (step {resume.Step}) on the remaining nodes");
                workers = await WaitForWorkers(cluster, 1, cancel).ConfigureAwait(false);
                workers = workers.Where(w => !unreachable.Contains(w)).ToList();
                if (workers.Count == 0) return result with { Failure = result.Failure + "; no worker node remains" };
                Nodes.Clear();
                Nodes.AddRange(workers.Select(w => w.ToString()));
            }
        }
        finally
        {
            foreach (var agent in agents) agent.Tell(new StopNode());
            // The nodes this run lost are downed, so the others forget them now and a restarted one can join.
            lock (lostNow) foreach (var address in lostNow.Distinct()) cluster.Down(address);
            // After a failure (a node lost or stalled) the cluster may not agree on our leaving: do not wait long for it.
            var quick = !ended || cluster.State.Unreachable.Count > 0 || Lost.Count > 0;
            await Task.WhenAny(cluster.LeaveAsync(), Task.Delay(TimeSpan.FromSeconds(quick ? 0.5 : 3))).ConfigureAwait(false);
            await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(quick ? 1 : 5))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Windows a node's reports and recordings gather before they travel to the coordinator: half the credit, so a
    /// layer is granted further long before it runs out (and never waits on a report a node holds back).
    /// </summary>
    public static int ReportEvery(int credit) => Math.Max(1, credit / 2);

    /// <summary>Synapses the nodes built for the layers they host (the coordinator builds none).</summary>
    public long? Synapses { get; private set; }

    /// <summary>What each node's outbox sent during the run, measured (after a resume: since the resume).</summary>
    public List<TrafficReport> Traffic { get; } = new();

    private async Task GatherTraffic(IReadOnlyList<IActorRef> outboxes)
    {
        foreach (var outbox in outboxes)
            Traffic.Add(await outbox.Ask<TrafficReport>(new TrafficQuery(), TimeSpan.FromSeconds(30)).ConfigureAwait(false));
    }

    /// <summary>
    /// Waits for <paramref name="count"/> worker nodes that are Up, reachable and answer at their agent (a worker
    /// killed a moment ago may still be listed Up): exit 2 after the join timeout, naming how many there were.
    /// </summary>
    private async Task<List<Address>> WaitForWorkers(Akka.Cluster.Cluster cluster, int count, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + JoinTimeout;
        var answered = new HashSet<Address>();
        while (true)
        {
            var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToHashSet();
            var candidates = cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole("worker") && !unreachable.Contains(m.Address))
                .Select(m => m.Address).ToList();
            answered.IntersectWith(candidates);
            foreach (var address in candidates.Where(a => !answered.Contains(a)).ToList())
                if (await Answers(cluster.System, address).ConfigureAwait(false)) answered.Add(address);
            var workers = candidates.Where(answered.Contains).ToList();
            if (workers.Count >= count) return workers;
            if (DateTime.UtcNow > deadline)
                throw new InputException(
                    $"{Command}: only {workers.Count} of {count} worker node(s) joined within {JoinTimeout.TotalSeconds:0} s (seed nodes: {string.Join(", ", Seeds)})");
            await Task.Delay(100, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the worker at <paramref name="address"/> answers at its agent within a couple of seconds.</summary>
    private static async Task<bool> Answers(ActorSystem system, Address address)
    {
        try
        {
            await system.ActorSelection($"{address}/user/{NodeAgent.Name}").ResolveOne(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ActorNotFoundException or AskTimeoutException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The run's description (network text and input files) must fit one remoting frame: exit 2 naming the setting otherwise.</summary>
    private void CheckFrameSize(ActorSystem system, HostLayers template)
    {
        var frame = system.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size") ?? 0;
        var size = System.Text.Encoding.UTF8.GetByteCount(template.NetworkText) + (template.InputData?.Sum(d => (long)d.Length) ?? 0);
        if (frame > 0 && size > frame - (1 << 20))
            throw new InputException($"{Command}: the network file and --input files ({size >> 20} MiB) do not fit one cluster message " +
                $"(akka.remote.dot-netty.tcp.maximum-frame-size = {frame >> 20} MiB, less 1 MiB); raise it on every node (--cluster / node --config)");
    }
}
