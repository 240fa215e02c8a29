using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// What a run lays over its network file: the seed, the duration, the step (when given) and the
/// <c>--input LAYER=FILE</c> series. The single place where they are applied, so that a local run,
/// a cluster's coordinator and every worker build the same network.
/// </summary>
public sealed record RunOverrides(ulong Seed, double Duration, double? Dt, IReadOnlyList<string> Inputs)
{
    /// <summary>The input files' bytes (in the order of <see cref="Inputs"/>): read once by a cluster's coordinator and
    /// shipped to the workers, which open no path; null: each file is read where the network is built.</summary>
    public IReadOnlyList<byte[]>? Contents { get; init; }

    public NetworkSpec ApplyTo(NetworkSpec spec)
    {
        spec = spec with { Seed = Seed, Duration = Duration };
        if (Dt is { } dt) spec = spec with { Dt = dt };
        return InputFiles.Apply(spec, Inputs, Contents);
    }
}
