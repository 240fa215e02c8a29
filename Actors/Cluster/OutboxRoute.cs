namespace EventSpike.Actors.Cluster;

/// <summary>
/// Layer <paramref name="Layer"/>'s part in bundle <paramref name="Bundle"/>: its batch goes to layers
/// <paramref name="Targets"/> of the destination node (<see cref="BundledBatch.Recorder"/>: the
/// recorder), its probes' samples too when <paramref name="Probes"/>, and its report to the scheduler
/// when <paramref name="Report"/> (the bundle to the coordinator, which every layer of the node joins).
/// </summary>
public sealed record OutboxRoute(int Layer, int Bundle, int[] Targets, bool Probes, bool Report = false);
