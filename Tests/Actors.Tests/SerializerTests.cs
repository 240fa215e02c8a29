using Akka.Actor;
using Akka.Serialization;
using EventSpike.Actors.Cluster;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;
using Xunit;

namespace EventSpike.Actors.Tests;

public class SerializerTests
{
    [Fact]
    public async Task Every_message_that_crosses_nodes_binds_to_the_MessagePack_serializer_and_round_trips()
    {
        var system = ActorSystem.Create(ClusterConfig.SystemName, ClusterConfig.Load("127.0.0.1", 0, [], "worker", 1));
        try
        {
            var serialization = system.Serialization;
            foreach (var type in MessagePackAkkaSerializer.Carried)
                Assert.IsType<MessagePackAkkaSerializer>(serialization.FindSerializerForType(type));

            var probe = system.ActorOf(Props.Empty, "target");
            object[] messages =
            [
                new SpikeBatch(2, 300, 3, [0, 1, 1, 3], [5, 6, 7]),
                new ContinuousBatch(1, 10, 2, 2, [0.5, -1, 2, 3]),
                new ProbeBatch(0, [9, 19], [0.1, 0.2]),
                new WindowGranted(4),
                new WindowDone(1, 4, 12, 0.25, 0.5, 3),
                new Wire([probe, probe], probe, null, [1, 2]),
                new RunFailed("lost", 42),
                new DrainInputs(),
                new InputsDrained(3),
                new HostLayers("{}", "net.json", 7, 1.5, null, ["a=b.npz"], [0, 2], 2, probe),
                new LayersHosted([0, 2], [probe, probe], null),
                new StopNode(),
                new OutboxPlan([new OutboxRoute(3, 0, [1, BundledBatch.Recorder], true)], [new OutboxTarget(probe, "coordinator", 2)]),
                new TrafficQuery(),
                new NodeGrants([0, 3], [7, 9]),
                new TrafficReport("akka.tcp://eventspike@127.0.0.1:1", [new TrafficEntry("coordinator", 3, 100, 150, 6)]),
                new LayersHosted([1], [probe], null) { Outbox = probe, Inbox = probe, LinkPort = 40123 },
                new HostLayers("{}", "net.json", 7, 1.5, null, [], [1], 1, probe) { ReportEvery = 16, SpikeLink = true },
                new OutboxPlan([new OutboxRoute(1, 0, [2], false)], [new OutboxTarget(probe, "akka.tcp://eventspike@127.0.0.1:2", 1) { LinkHost = "127.0.0.1", LinkPort = 40123 }]),
            ];
            var serializer = (SerializerWithStringManifest)serialization.FindSerializerForType(typeof(SpikeBatch));
            foreach (var message in messages)
            {
                var bytes = serializer.ToBinary(message);
                var back = serializer.FromBinary(bytes, serializer.Manifest(message));
                Assert.Equal(message.GetType(), back.GetType());
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), Options), System.Text.Json.JsonSerializer.Serialize(back, back.GetType(), Options));
            }
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_node_bundle_carries_every_batch_exactly_in_fewer_bytes()
    {
        var rng = new System.Random(4);
        var neurons = new List<int>();
        var stepPtr = new List<int> { 0 };
        for (var step = 0; step < 50; step++)
        {
            var fired = Enumerable.Range(0, 20_000).Where(_ => rng.NextDouble() < 0.002).ToList();
            if (step == 7) fired.Clear();
            if (step == 9) fired = [19_999, 3, 3, 0]; // not ascending, repeated: still carried as it is
            neurons.AddRange(fired);
            stepPtr.Add(neurons.Count);
        }
        BundledBatch[] items =
        [
            new([0, BundledBatch.Recorder], new SpikeBatch(4, 100, 50, stepPtr.ToArray(), neurons.ToArray()), null, [new ProbeBatch(1, [120], [0.5, 0.25])]),
            new([2], null, new ContinuousBatch(5, 100, 50, 1, Enumerable.Range(0, 50).Select(i => i * 0.1).ToArray()), []),
            new([BundledBatch.Recorder], new SpikeBatch(6, 100, 50, new int[51], []), null, []) { Report = new WindowDone(6, 2, 0, 0.5, 0.25, 1, 24) },
            new([], null, null, []) { Report = new WindowDone(7, 2, 3, 0.125, 0, 0, 36) },
        ];
        var bundle = NodeBundle.Pack(2, items, out var raw);
        var back = bundle.Unpack();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(items), System.Text.Json.JsonSerializer.Serialize(back));
        Assert.True(bundle.Payload.Length < raw * 3 / 4, $"{bundle.Payload.Length} bytes packed, {raw} plain");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Converters = { new ActorRefPath() },
    };

    /// <summary>Compares actor references by path.</summary>
    private sealed class ActorRefPath : System.Text.Json.Serialization.JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, IActorRef value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Path.ToString());
    }
}
