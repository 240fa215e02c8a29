using Akka.Actor;
using Akka.Cluster;
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
    public ClusterTls? Tls { get; init; }

    /// <summary>Where each layer ran, and the worker nodes of the run (filled by <see cref="RunAsync"/>).</summary>
    public Dictionary<int, string> Placement { get; } = new();

    public List<string> Nodes { get; } = new();

    public async Task<RunResult> RunAsync(CompiledNetwork network, HostLayers template, ISpikeSink sink, RunOptions options, TextWriter log,
        CancellationToken cancel)
    {
        var system = ClusterConfig.CreateSystem(ClusterConfig.Load("127.0.0.1", 0, Seeds, "coordinator", options.Threads, ExtraHocon, Tls is not null), Tls);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var agents = new List<ActorSelection>();
        try
        {
            var workers = await WaitForWorkers(cluster, cancel).ConfigureAwait(false);
            Nodes.AddRange(workers.Select(w => w.ToString()));
            var placement = ClusterPlacement.Place(network, workers);
            foreach (var (layer, address) in placement) Placement[layer] = address.ToString();
            log.WriteLine($"cluster: {workers.Count} worker node(s); " +
                string.Join(", ", network.Layers.Select(l => $"{l.Name} on {placement[l.Id]}")));

            async Task<IReadOnlyList<IActorRef>> Host(IActorRef scheduler, IReadOnlyList<IReadOnlyList<LayerInput>> _)
            {
                var refs = new IActorRef[network.Layers.Count];
                var hosts = new Dictionary<Address, IReadOnlyList<string>>();
                foreach (var group in placement.GroupBy(p => p.Value))
                {
                    var layers = group.Select(p => p.Key).Order().ToList();
                    var agent = system.ActorSelection($"{group.Key}/user/{NodeAgent.Name}");
                    agents.Add(agent);
                    var hosted = await agent.Ask<LayersHosted>(template with { Layers = layers, Scheduler = scheduler }, TimeSpan.FromMinutes(5))
                        .ConfigureAwait(false);
                    if (hosted.Error is not null) throw new InvalidOperationException($"a worker could not build its layers: {hosted.Error}");
                    for (var i = 0; i < layers.Count; i++) refs[layers[i]] = hosted.Actors[i];
                    hosts[group.Key] = layers.Select(l => network.Layers[l].Name).ToList();
                }
                system.ActorOf(NodeWatcher.Props(hosts, scheduler), "node-watcher");
                return refs;
            }

            return await LocalRunner.RunOnAsync(system, network, sink, options, Host, cancel).ConfigureAwait(false);
        }
        finally
        {
            foreach (var agent in agents) agent.Tell(new StopNode());
            // With a node lost the cluster cannot agree on our leaving: do not wait long for it.
            var lost = cluster.State.Unreachable.Count > 0;
            await Task.WhenAny(cluster.LeaveAsync(), Task.Delay(TimeSpan.FromSeconds(lost ? 0.5 : 3))).ConfigureAwait(false);
            await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(lost ? 1 : 5))).ConfigureAwait(false);
        }
    }

    private async Task<List<Address>> WaitForWorkers(Akka.Cluster.Cluster cluster, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + JoinTimeout;
        while (true)
        {
            var workers = cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole("worker")).Select(m => m.Address).ToList();
            if (workers.Count >= MinNodes) return workers;
            if (DateTime.UtcNow > deadline)
                throw new InputException(
                    $"run: only {workers.Count} of {MinNodes} worker node(s) joined within {JoinTimeout.TotalSeconds:0} s (seed nodes: {string.Join(", ", Seeds)})");
            await Task.Delay(100, cancel).ConfigureAwait(false);
        }
    }
}
