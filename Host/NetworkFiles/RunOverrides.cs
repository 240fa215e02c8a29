using EventSpike.Routing.Network;

namespace EventSpike.Host.NetworkFiles;

/// <summary>
/// What a run lays over its network file: the seed, the duration, the step (when given) and the
/// <c>--input LAYER=FILE</c> series. The single place where they are applied, so that a local run,
/// a cluster's coordinator and every worker build the same network.
/// </summary>
public sealed record RunOverrides(ulong Seed, double Duration, double? Dt, IReadOnlyList<string> Inputs)
{
    public NetworkSpec ApplyTo(NetworkSpec spec)
    {
        spec = spec with { Seed = Seed, Duration = Duration };
        if (Dt is { } dt) spec = spec with { Dt = dt };
        return InputFiles.Apply(spec, Inputs);
    }
}
