namespace EventSpike.Actors.Runtime;

/// <summary>
/// How a run is carried out: the credit (windows a layer may run ahead of its slowest consumer),
/// the number of threads for layer actors (0: one per core), a progress callback (steps done) and
/// extra HOCON laid over the embedded single-node configuration.
/// </summary>
public sealed record RunOptions(int Credit = 4, int Threads = 0, Action<long>? Progress = null, string? ExtraHocon = null);
