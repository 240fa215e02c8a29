using System.Text;
using EventSpike.Actors.Cluster;
using EventSpike.Host.NetworkFiles;
using EventSpike.Routing.Network;

namespace EventSpike.Host.ClusterRuns;

/// <summary>
/// Builds the network a cluster run describes, identically on the coordinator and on every worker:
/// the network file's text, then the run's seed, duration, dt and inputs (the files' bytes the coordinator read) laid over it. Every table is
/// drawn from seeded streams, so all nodes hold the same network.
/// </summary>
public static class ClusterBuild
{
    public static NetworkSpec Spec(HostLayers request)
    {
        var spec = NetworkFile.Parse(Encoding.UTF8.GetBytes(request.NetworkText), request.NetworkPath);
        // The inputs come as the coordinator read them: a worker opens no path the run names.
        var contents = request.InputData ?? (request.Inputs.Count == 0 ? []
            : throw new InvalidOperationException("the coordinator sent the names of its input files without their contents"));
        return new RunOverrides(request.Seed, request.Duration, request.Dt, request.Inputs) { Contents = contents }.ApplyTo(spec);
    }

    public static CompiledNetwork Compile(HostLayers request) => NetworkCompiler.Compile(Spec(request), shardSize: request.ShardSize,
        buildInto: request.BuildInto?.ToHashSet(StringComparer.Ordinal));
}
