using System.Buffers.Binary;
using Akka.Actor;
using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace EventSpike.Actors.Cluster;

/// <summary>
/// The window payload between two worker nodes over an Akka.Streams TCP connection (Akka.IO underneath, TCP_NODELAY),
/// while Akka.Cluster keeps membership, placement and control (grants, reports, the coordinator's recordings go by
/// remoting as before). Each <see cref="NodeBundle"/> is one frame of Akka's simple framing protocol (a 4-byte
/// big-endian length, then the window as 8 bytes and the bundle's packed payload). A node's inbox listens on its own
/// port for the run; each outbox opens one connection per destination node. TCP keeps a pair's frames in order, as
/// remoting did, so every layer's windows arrive in order and the results do not depend on the transport.
/// Switched by <c>eventspike.cluster.spike-link</c> (<c>tcp-stream</c>, the default, or <c>remoting</c>) on the coordinator.
/// A link is plain TCP on the node's own address: with TLS (<see cref="ClusterTls"/>) there is none, bundles go by remoting.
/// </summary>
public static class SpikeLink
{
    public const string Setting = "eventspike.cluster.spike-link";

    /// <summary>The largest frame (a bundle; remoting's maximum-frame-size is the same 128 MiB).</summary>
    public const int MaxFrame = 128 << 20;

    /// <summary>Whether runs coordinated by <paramref name="system"/> carry window payloads over stream links.</summary>
    public static bool Enabled(ActorSystem system) =>
        !system.Settings.Config.HasPath(Setting) || system.Settings.Config.GetString(Setting) != "remoting";

    /// <summary>
    /// Whether the node's remoting speaks TLS: then no link is opened (a link is plain TCP and takes frames from whoever
    /// connects), and bundles go by remoting, which checks the peers' certificates.
    /// </summary>
    public static bool OverTls(ActorSystem system) =>
        system.Settings.Config.HasPath("akka.remote.dot-netty.tcp.enable-ssl") && system.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl");

    /// <summary>Listens on <paramref name="host"/> (any free port); every frame that arrives goes to <paramref name="inbox"/> as a <see cref="NodeBundle"/>.</summary>
    public static Akka.Streams.Dsl.Tcp.ServerBinding Listen(ActorSystem system, IMaterializer materializer, string host, IActorRef inbox)
    {
        var frames = Flow.Create<ByteString>().Via(Framing.SimpleFramingProtocolDecoder(MaxFrame))
            .To(Sink.ForEach<ByteString>(frame => inbox.Tell(Decode(frame))));
        var handler = Flow.FromSinkAndSource(frames, Source.Maybe<ByteString>().MapMaterializedValue(_ => Akka.NotUsed.Instance));
        var binding = system.TcpStream().BindAndHandle(handler, materializer, host, 0);
        if (!binding.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException($"could not listen for spike links on {host}");
        return binding.Result;
    }

    /// <summary>
    /// Opens a link to <paramref name="host"/>:<paramref name="port"/>: what is told to the returned actor (frames from
    /// <see cref="Encode"/>) is sent in order; <paramref name="broken"/> is called with the reason if the link breaks.
    /// </summary>
    public static IActorRef Connect(ActorSystem system, IMaterializer materializer, string host, int port, Action<string> broken)
    {
        var (link, done) = Source.ActorRef<ByteString>(1 << 20, OverflowStrategy.Fail)
            .Via(Framing.SimpleFramingProtocolEncoder(MaxFrame))
            .Via(system.TcpStream().OutgoingConnection(host, port))
            .ToMaterialized(Sink.Ignore<ByteString>(), Keep.Both)
            .Run(materializer);
        done.ContinueWith(t =>
        {
            if (t.IsFaulted) broken(t.Exception?.GetBaseException().Message ?? "failed");
        }, TaskScheduler.Default);
        return link;
    }

    public static ByteString Encode(NodeBundle bundle)
    {
        var bytes = new byte[8 + bundle.Payload.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, bundle.Window);
        bundle.Payload.CopyTo(bytes, 8);
        return ByteString.FromBytes(bytes);
    }

    public static NodeBundle Decode(ByteString frame)
    {
        var bytes = frame.ToArray();
        return new NodeBundle(BinaryPrimitives.ReadInt64LittleEndian(bytes), bytes[8..]);
    }
}
