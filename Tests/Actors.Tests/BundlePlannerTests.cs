using EventSpike.Actors.Cluster;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

public class BundlePlannerTests
{
    /// <summary>A chain a → b → c → d with layers alternating between two nodes.</summary>
    private static CompiledNetwork Chain(double delay, double window) => NetworkCompiler.Compile(new NetworkSpec("chain", 1e-4, 0.01, 1,
        [Layer("a", "PoissonSource", 10, """{"rate": 10}"""), Layer("b", "LIF", 10), Layer("c", "LIF", 10), Layer("d", "LIF", 10)],
        [Connect("a", "b", delay), Connect("b", "c", delay), Connect("c", "d", delay)], ["a", "d"], window));

    private static readonly string[] Nodes = ["n1", "n2", "n1", "n2"];

    [Fact]
    public void Layers_that_need_each_other_within_a_window_through_another_node_do_not_share_a_message()
    {
        // c needs b's window, which needs a's: holding a's batch until c is done would never end.
        var bundles = BundlePlanner.Plan(Chain(0, 0.001), Nodes, l => l is 0 or 3);
        Assert.Equal([[0], [2]], bundles.Where(b => b is { From: "n1", To: "n2" }).Select(b => b.Members));
        Assert.Equal([[1]], bundles.Where(b => b is { From: "n2", To: "n1" }).Select(b => b.Members));
        // Recordings feed nothing: one message per node and window to the coordinator.
        Assert.Equal([[0]], bundles.Where(b => b is { From: "n1", To: BundlePlanner.Coordinator }).Select(b => b.Members));
        Assert.Equal([[3]], bundles.Where(b => b is { From: "n2", To: BundlePlanner.Coordinator }).Select(b => b.Members));
    }

    [Fact]
    public void Layers_whose_outputs_are_needed_only_in_later_windows_share_one_message()
    {
        var net = Chain(0.002, 0.001);
        Assert.Equal(10, net.Plan.WindowSteps);
        var bundles = BundlePlanner.Plan(net, Nodes, _ => true);
        Assert.Equal([[0, 2]], bundles.Where(b => b is { From: "n1", To: "n2" }).Select(b => b.Members));
        Assert.Equal([[1, 3]], bundles.Where(b => b is { From: "n2", To: BundlePlanner.Coordinator }).Select(b => b.Members));
    }

    [Fact]
    public void Independent_senders_to_one_node_share_one_message()
    {
        var net = NetworkCompiler.Compile(new NetworkSpec("fan-in", 1e-4, 0.01, 1,
            [Layer("x", "PoissonSource", 10, """{"rate": 10}"""), Layer("y", "PoissonSource", 10, """{"rate": 10}"""), Layer("z", "LIF", 10)],
            [Connect("x", "z", 0), Connect("y", "z", 0)]));
        var bundles = BundlePlanner.Plan(net, ["n1", "n1", "n2"], _ => false);
        Assert.Equal([[0, 1]], bundles.Select(b => b.Members));
    }
}
