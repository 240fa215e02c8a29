namespace EventSpike.Routing.Network;

/// <summary>
/// A network as its file describes it, before anything is built: the base step, the run's
/// duration, the seed, layers, connections and which layers to record (all when null).
/// <see cref="Probes"/> records state variables; <see cref="MaxWindow"/> caps the scheduler's window length in seconds (null: 10 ms).
/// </summary>
public sealed record NetworkSpec(
    string Name,
    double Dt,
    double Duration,
    ulong Seed,
    IReadOnlyList<LayerSpec> Layers,
    IReadOnlyList<ConnectionSpec> Connections,
    IReadOnlyList<string>? Record = null,
    double? MaxWindow = null)
{
    /// <summary>State variables to record.</summary>
    public IReadOnlyList<ProbeSpec> Probes { get; init; } = [];
}
