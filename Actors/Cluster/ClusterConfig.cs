using System.Reflection;
using Akka.Configuration;
using EventSpike.Actors.Runtime;

namespace EventSpike.Actors.Cluster;

/// <summary>The cluster HOCON (embedded cluster.hocon over single-node.hocon) for one node.</summary>
public static class ClusterConfig
{
    public const string SystemName = "eventspike";

    /// <param name="host">Address remoting binds to (127.0.0.1 unless told otherwise).</param>
    /// <param name="port">Port (0: any free one).</param>
    /// <param name="seedNodes">Seed nodes as HOST:PORT or full akka.tcp:// addresses.</param>
    /// <param name="role">worker or coordinator.</param>
    /// <param name="tls">Whether nodes speak TLS (their addresses are then akka.ssl.tcp://).</param>
    public static Config Load(string host, int port, IReadOnlyList<string> seedNodes, string role, int threads, string? extraHocon = null,
        bool tls = false)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EventSpike.cluster.hocon")
            ?? throw new InvalidOperationException("embedded cluster.hocon is missing");
        using var reader = new StreamReader(stream);
        var seeds = string.Join(", ", seedNodes.Select(s => "\"" + SeedAddress(s, tls) + "\""));
        var overrides = ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.hostname = "{{host}}"
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.cluster.roles = [{{role}}]
            akka.cluster.seed-nodes = [{{seeds}}]
            {{extraHocon ?? ""}}
            """);
        return overrides.WithFallback(ConfigurationFactory.ParseString(reader.ReadToEnd())).WithFallback(LocalRunner.LoadConfig(threads));
    }

    /// <summary>HOST:PORT → akka.tcp://eventspike@HOST:PORT (akka.ssl.tcp with TLS); a full address is kept.</summary>
    public static string SeedAddress(string seed, bool tls = false)
    {
        if (seed.StartsWith("akka.tcp://", StringComparison.Ordinal) || seed.StartsWith("akka.ssl.tcp://", StringComparison.Ordinal)) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out var port) || port <= 0 || port > 65535)
            throw new ArgumentException($"seed node '{seed}' is not HOST:PORT");
        return $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{SystemName}@{seed[..colon]}:{port}";
    }

    /// <summary>Creates a node's actor system, with mutual TLS when <paramref name="tls"/> is given.</summary>
    public static Akka.Actor.ActorSystem CreateSystem(Config config, ClusterTls? tls)
    {
        if (tls is null) return Akka.Actor.ActorSystem.Create(SystemName, config);
        var withSsl = ConfigurationFactory.ParseString(ClusterTls.Hocon).WithFallback(config);
        return Akka.Actor.ActorSystem.Create(SystemName, Akka.Actor.BootstrapSetup.Create().WithConfig(withSsl).And(tls.ToSetup()));
    }
}
