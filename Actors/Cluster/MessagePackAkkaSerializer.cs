using Akka.Actor;
using Akka.Serialization;
using EventSpike.Actors.Messages;
using EventSpike.Routing.Messages;
using MessagePack;
using MessagePack.Resolvers;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// The Akka serializer for every runtime message that crosses nodes: MessagePack (attributed types
/// as they are, plain records by name), actor references as paths. The manifest is a short fixed
/// name per type, so nodes agree whatever their assembly versions.
/// </summary>
public sealed class MessagePackAkkaSerializer : SerializerWithStringManifest
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["spikes"] = typeof(SpikeBatch),
        ["samples"] = typeof(ContinuousBatch),
        ["probe"] = typeof(ProbeBatch),
        ["grant"] = typeof(WindowGranted),
        ["done"] = typeof(WindowDone),
        ["wire"] = typeof(Wire),
        ["failed"] = typeof(RunFailed),
        ["drain"] = typeof(DrainInputs),
        ["drained"] = typeof(InputsDrained),
        ["host"] = typeof(HostLayers),
        ["hosted"] = typeof(LayersHosted),
        ["stop"] = typeof(StopNode),
        ["layer-checkpoint"] = typeof(LayerCheckpointed),
        ["checkpoint-at"] = typeof(CheckpointAt),
        ["bundle"] = typeof(NodeBundle),
        ["grants"] = typeof(NodeGrants),
        ["outbox-plan"] = typeof(OutboxPlan),
        ["traffic-query"] = typeof(TrafficQuery),
        ["traffic"] = typeof(TrafficReport),
    };

    private static readonly Dictionary<Type, string> Manifests = Types.ToDictionary(p => p.Value, p => p.Key);

    private readonly MessagePackSerializerOptions _options;

    public MessagePackAkkaSerializer(ExtendedActorSystem system) : base(system)
    {
        var resolver = CompositeResolver.Create(
            [new ActorRefFormatter(system)],
            [StandardResolver.Instance, ContractlessStandardResolver.Instance]);
        _options = MessagePackSerializerOptions.Standard.WithResolver(resolver);
    }

    public override int Identifier => 47_110;

    /// <summary>Every type this serializer carries.</summary>
    public static IReadOnlyCollection<Type> Carried => Types.Values;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var m) ? m : throw new ArgumentException($"{o.GetType()} is not a cluster message");

    public override byte[] ToBinary(object obj) => MessagePackSerializer.Serialize(obj.GetType(), obj, _options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? MessagePackSerializer.Deserialize(type, bytes, _options)!
            : throw new ArgumentException($"unknown manifest '{manifest}'");
}
