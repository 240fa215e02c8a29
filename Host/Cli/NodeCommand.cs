using Akka.Actor;
using EventSpike.Actors.Cluster;
using EventSpike.Host.ClusterRuns;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike node [--host 127.0.0.1] [--port P] [--seed-nodes ADDR,...] [--config HOCON] [--threads N] [--insecure]</c>:
/// a worker that joins the cluster (the first may name itself, or nobody, as its seed) and hosts
/// the layers a coordinator places on it, until Ctrl-C, or until the cluster downs it (exit 3). It listens on
/// loopback unless told otherwise; beyond loopback it needs TLS, or <c>--insecure</c> (with a warning).
/// </summary>
public static class NodeCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var a = CommandSpecs.Node.Parse(args);
        if (a.Positional.Count > 0) throw new InputException($"node: unexpected argument '{a.Positional[0]}'");
        var host = a.Value("host") ?? "127.0.0.1";
        if (string.IsNullOrWhiteSpace(host))
            throw new InputException("node: --host is empty (Akka would listen on every interface); give the address to listen on, 127.0.0.1 for this machine only");
        var port = (int)(a.Integer("port", 0) ?? 0);
        if (port > 65535) throw new InputException($"node: --port {port} is not a port");
        var threads = (int)(a.Integer("threads", 1) ?? Environment.ProcessorCount);
        var self = $"{host}:{port}";
        var seeds = Seeds(a.Value("seed-nodes"), port == 0 ? null : self);
        var extra = a.Value("config") is { } path
            ? File.Exists(path) ? File.ReadAllText(path) : throw new InputException($"node: --config {path}: file not found")
            : null;
        if (a.Flag("verbose")) extra += "\n" + Actors.Runtime.StderrLogger.VerboseHocon;
        var tls = TlsOptions.From(a, stderr);
        CheckExposure(host, tls is not null, a.Flag("insecure"), stderr);
        ActorSystem system;
        try
        {
            system = ClusterConfig.CreateSystem(ClusterConfig.Load(host, port, seeds, "worker", threads, extra, tls is not null), tls);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"node: cannot start on {self}: {e.GetBaseException().Message}");
        }
        system.ActorOf(NodeAgent.Props(ClusterBuild.Compile), NodeAgent.Name);
        ClusterDowning.Start(system);
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (seeds.Count == 0) cluster.Join(cluster.SelfAddress);
        stdout.WriteLine($"node up at {cluster.SelfAddress}");
        stdout.Flush();
        try
        {
            Task.WaitAny([system.WhenTerminated, Task.Delay(Timeout.Infinite, cancel)]);
        }
        finally
        {
            if (!system.WhenTerminated.IsCompleted)
            {
                cluster.LeaveAsync().Wait(TimeSpan.FromSeconds(5));
                system.Terminate().Wait(TimeSpan.FromSeconds(5));
            }
        }
        if (cancel.IsCancellationRequested) return ExitCodes.Done;
        stderr.WriteLine($"error: node {cluster.SelfAddress} was removed from the cluster (the others found it unreachable and downed it); start it again to rejoin");
        return ExitCodes.RunFailed;
    }

    /// <summary>Whether <paramref name="host"/> is this machine only: localhost, 127.x.x.x or ::1.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>Beyond loopback without TLS anyone who reaches the port joins the cluster: refused unless --insecure, which warns.</summary>
    private static void CheckExposure(string host, bool tls, bool insecure, TextWriter stderr)
    {
        if (tls || IsLoopback(host)) return;
        if (!insecure)
            throw new InputException($"node: --host {host} is not a loopback address and the node would speak without TLS; " +
                "give --tls-cert (eventspike --help), or --insecure to accept that anyone who reaches the port can join");
        stderr.WriteLine($"warning: node: listening on {host} without TLS (--insecure): anyone who can reach this port can join the cluster and run layers on it");
    }

    /// <summary>--seed-nodes as a list (HOST:PORT or akka.tcp:// addresses); checked here so a typo is exit 2.</summary>
    public static List<string> Seeds(string? value, string? self)
    {
        var seeds = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var seed in seeds)
        {
            try
            {
                ClusterConfig.SeedAddress(seed);
            }
            catch (ArgumentException e)
            {
                throw new InputException($"--seed-nodes: {e.Message}");
            }
        }
        return seeds;
    }
}
