namespace EventSpike.Actors.Cluster;

/// <summary>
/// Layer <paramref name="Layer"/>'s part in bundle <paramref name="Bundle"/>: its batch goes to layers
/// <paramref name="Targets"/> of the destination node (<see cref="BundledBatch.Recorder"/>: the
/// recorder), its probes' samples too when <paramref name="Probes"/>.
/// </summary>
public sealed record OutboxRoute(int Layer, int Bundle, int[] Targets, bool Probes);
