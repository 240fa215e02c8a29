using Akka.Actor;
using Akka.TestKit.Xunit2;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Recording;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Actors.Tests;

public class RecorderTests : TestKit
{
    /// <summary>Counts what it was given; its mark is the number of writes so far.</summary>
    private sealed class CountingWrites : ISpikeSink
    {
        public List<string> Writes { get; } = new();

        public void Write(long step, int layer, ReadOnlySpan<int> neurons) => Writes.Add($"spikes {layer}@{step}");

        public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values) => Writes.Add($"probe {probe}@{steps[0]}");

        public long Mark() => Writes.Count;

        public void Complete()
        {
        }
    }

    private static SpikeBatch Window(int layer, long window) => new(layer, window * 10, 10, [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [0]);

    [Fact]
    public void A_checkpoint_mark_covers_exactly_the_windows_before_it_even_when_a_probed_layer_runs_ahead()
    {
        var plan = new WindowPlan(60, 10);
        var collector = CreateTestProbe();
        var sink = new CountingWrites();
        var recorder = Sys.ActorOf(RecorderActor.Props([0], plan, sink, TestActor, new CheckpointSettings(2, collector.Ref), probes: 1));
        // The probed layer (not recorded itself) runs three windows ahead of the recorded layer 0.
        for (var w = 0; w < 3; w++) recorder.Tell(new ProbeBatch(0, [w * 10L], [1.0]));
        recorder.Tell(Window(0, 0));
        recorder.Tell(Window(0, 1));
        var mark = collector.ExpectMsg<RecorderCheckpointed>();
        Assert.Equal(2, mark.Window);
        // Windows 0 and 1 of the layer and of the probe, and nothing of window 2.
        Assert.Equal(4, mark.JournalBytes);
        Assert.Equal(["spikes 0@0", "probe 0@0", "spikes 0@10", "probe 0@10"], sink.Writes.Take(4));
    }
}
