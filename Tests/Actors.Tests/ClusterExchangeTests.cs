using Akka.Actor;
using Akka.TestKit.Xunit2;
using EventSpike.Actors.Cluster;
using EventSpike.Actors.Scheduling;
using EventSpike.Routing.Messages;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>
/// The per-window exchange of a cluster run: the spike link between two nodes, the outbox's batched reports to the
/// coordinator and the scheduler's grants sent only when they are worth a message.
/// </summary>
public class ClusterExchangeTests : TestKit
{
    [Fact]
    public async Task A_spike_link_carries_every_bundle_intact_and_in_order()
    {
        var inbox = CreateTestProbe();
        var binding = SpikeLink.Listen(Sys, Akka.Streams.ActorMaterializer.Create(Sys), "127.0.0.1", inbox);
        var port = ((System.Net.IPEndPoint)binding.LocalAddress).Port;
        var link = SpikeLink.Connect(Sys, Akka.Streams.ActorMaterializer.Create(Sys), "127.0.0.1", port, _ => { });
        var rng = new Random(3);
        // Sizes from empty to 200 KB, so frames straddle TCP segments and reads.
        var sent = Enumerable.Range(0, 60).Select(w => new NodeBundle(w, Enumerable.Range(0, rng.Next(0, 200_000) * (w % 7 == 0 ? 0 : 1))
            .Select(_ => (byte)rng.Next(256)).ToArray())).ToList();
        foreach (var bundle in sent) link.Tell(SpikeLink.Encode(bundle));
        foreach (var bundle in sent)
        {
            var got = inbox.ExpectMsg<NodeBundle>(TimeSpan.FromSeconds(20));
            Assert.Equal(bundle.Window, got.Window);
            Assert.Equal(bundle.Payload, got.Payload);
        }
        await binding.Unbind();
    }

    [Fact]
    public void The_outbox_sends_reports_to_the_coordinator_every_few_windows_and_at_once_when_a_layer_waits_for_a_grant()
    {
        var coordinator = CreateTestProbe();
        var outbox = Sys.ActorOf(OutboxActor.Props("node", reportEvery: 4));
        outbox.Tell(new OutboxPlan([new OutboxRoute(5, 0, [BundledBatch.Recorder], false, Report: true)],
            [new OutboxTarget(coordinator, BundlePlanner.Coordinator, 1)]));
        outbox.Tell(new NodeGrants([5], [9]));
        for (var w = 0; w < 10; w++)
            outbox.Tell(new LayerOutput(5, w, new SpikeBatch(5, 2 * w, 2, [0, 1, 1], [w]), [], new WindowDone(5, w, 1, 0, 0)));
        // Windows 0–3 and 4–7 (four each), then 8–9: window 9 is the last granted, so the layer waits and its node says so.
        var firsts = new List<long>();
        var reports = new List<long>();
        for (var k = 0; k < 3; k++)
        {
            var bundle = coordinator.ExpectMsg<NodeBundle>();
            firsts.Add(bundle.Window);
            var items = bundle.Unpack();
            reports.AddRange(items.Select(i => i.Report!.Window));
            Assert.All(items, i => Assert.Equal(i.Report!.Window, i.Spikes!.Neurons.Single()));
        }
        Assert.Equal([0L, 4L, 8L], firsts);
        Assert.Equal(Enumerable.Range(0, 10).Select(w => (long)w), reports);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // A further grant of one window: that window's report goes at once.
        outbox.Tell(new NodeGrants([5], [10]));
        outbox.Tell(new LayerOutput(5, 10, new SpikeBatch(5, 20, 2, [0, 0, 0], []), [], new WindowDone(5, 10, 0, 0, 0)));
        Assert.Equal(10, coordinator.ExpectMsg<NodeBundle>().Window);
    }

    [Fact]
    public void Grants_go_to_a_node_when_a_layer_gains_as_much_as_it_still_holds_or_waits()
    {
        var (inbox0, inbox1) = (CreateTestProbe(), CreateTestProbe());
        var done = new long[] { -1, -1, -1 };
        var batcher = new GrantBatcher();
        batcher.Start([ActorRefs.Nobody, ActorRefs.Nobody, ActorRefs.Nobody]);
        batcher.RouteVia([inbox0.Ref, inbox0.Ref, inbox1.Ref], done);
        // The first grants go at once (nothing was sent yet): layers 0 and 1 share node 0's message.
        batcher.Grant(0, 31);
        batcher.Grant(1, 31);
        batcher.Grant(2, 31);
        batcher.Flush();
        var first = inbox0.ExpectMsg<NodeGrants>();
        Assert.Equal([0, 1], first.Layers);
        Assert.Equal([31L, 31L], first.Windows);
        Assert.Equal([2], inbox1.ExpectMsg<NodeGrants>().Layers);

        // Layer 0 reported up to 15 and may go to 47: 16 new windows against 16 it still holds → sent.
        // Layer 2 reported up to 10 and may go to 42: 11 new against 21 held → held back.
        done[0] = 15;
        done[2] = 10;
        batcher.Grant(0, 47);
        batcher.Grant(2, 42);
        batcher.Flush();
        var second = inbox0.ExpectMsg<NodeGrants>();
        Assert.Equal([0], second.Layers);
        Assert.Equal([47L], second.Windows);
        inbox1.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        // Layer 2 has done all it was sent (31): it waits, so the held grant goes, with the newest window.
        done[2] = 31;
        batcher.Grant(2, 43);
        batcher.Flush();
        var third = inbox1.ExpectMsg<NodeGrants>();
        Assert.Equal([2], third.Layers);
        Assert.Equal([43L], third.Windows);
        Assert.Equal(4, batcher.Messages.Values.Sum()); // the probes share one address: 2 + 1 + 1 messages
    }
}
