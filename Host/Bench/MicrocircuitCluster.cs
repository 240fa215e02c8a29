using System.Diagnostics;
using EventSpike.Actors.Cluster;
using EventSpike.Actors.Runtime;
using EventSpike.Host.Cli;
using EventSpike.Host.ClusterRuns;
using EventSpike.Routing.Network;

namespace EventSpike.Host.Bench;

/// <summary>
/// <c>bench microcircuit --seed-nodes HOST:PORT,... [--min-nodes N]</c>: the bench's network on a cluster's worker nodes,
/// as <c>eventspike run --seed-nodes</c> runs a network file. This process is the coordinator (scheduler and spike
/// counts here, no synapses drawn); each worker builds the connections into the populations placed on it from
/// <see cref="Microcircuit.FileText"/> and runs them on the actor runtime. The populations' spikes are the one-process
/// bench's: every draw is seeded per connection and layer, not per node.
/// </summary>
public static class MicrocircuitCluster
{
    /// <summary>What a cluster run of the bench measured.</summary>
    public sealed record Outcome(RunResult Result, long Synapses, double SetupSeconds, IReadOnlyList<string> Nodes, IReadOnlyDictionary<string, string> Placement);

    /// <summary>Checks the options that go with (or need) <c>--seed-nodes</c>; true when the bench runs on a cluster.</summary>
    public static bool Wanted(ParsedArguments a)
    {
        if (a.Value("seed-nodes") is null)
        {
            if (a.Value("min-nodes") is not null || a.Value("join-timeout") is not null)
                throw new InputException("bench microcircuit: --min-nodes and --join-timeout need --seed-nodes");
            return false;
        }
        if (a.Flag("plain") || (a.Value("device") ?? "cpu") != "cpu")
            throw new InputException("bench microcircuit: --seed-nodes runs the actor runtime on the workers' CPUs; it does not take --plain or --device");
        return true;
    }

    /// <summary>
    /// Runs <paramref name="network"/> (compiled here without synapses) on the workers, which build it from
    /// <paramref name="networkText"/>; the spikes come back into <paramref name="stats"/>.
    /// </summary>
    public static Outcome Run(ParsedArguments a, CompiledNetwork network, string networkText, ulong seed, PopulationStats stats, int threads,
        TextWriter stderr, CancellationToken cancel)
    {
        var coordinator = new ClusterCoordinator
        {
            Seeds = NodeCommand.Seeds(a.Value("seed-nodes"), null),
            MinNodes = (int)(a.Integer("min-nodes", 1) ?? 1),
            JoinTimeout = TimeSpan.FromSeconds(a.Seconds("join-timeout") ?? 30),
            Command = "bench microcircuit",
        };
        var template = new HostLayers(networkText, "microcircuit.json", seed, network.Duration, null, [], [], threads, Akka.Actor.ActorRefs.Nobody);
        var options = new RunOptions(Credit: (int)(a.Integer("credit", 1) ?? RunCommand.DefaultClusterCredit), Threads: threads);
        var clock = Stopwatch.StartNew();
        var result = coordinator.RunAsync(network, template, _ => stats, options, stderr, cancel).GetAwaiter().GetResult();
        var setup = clock.Elapsed.TotalSeconds - result.WallSeconds;
        var placement = coordinator.Placement.ToDictionary(p => network.Layers[p.Key].Name, p => p.Value);
        return new Outcome(result, coordinator.Synapses ?? 0, setup, coordinator.Nodes.ToList(), placement);
    }
}
