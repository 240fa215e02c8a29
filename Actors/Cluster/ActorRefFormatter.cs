using Akka.Actor;
using MessagePack;
using MessagePack.Formatters;

namespace EventSpike.Actors.Cluster;

/// <summary>Writes an actor reference as its full path (with address) and resolves it on the receiving node.</summary>
public sealed class ActorRefFormatter(ExtendedActorSystem system) : IMessagePackFormatter<IActorRef?>
{
    public void Serialize(ref MessagePackWriter writer, IActorRef? value, MessagePackSerializerOptions options)
    {
        if (value is null || value.IsNobody()) writer.WriteNil();
        else writer.Write(Akka.Serialization.Serialization.SerializedActorPath(value));
    }

    public IActorRef? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return null;
        return system.Provider.ResolveActorRef(reader.ReadString()!);
    }
}
