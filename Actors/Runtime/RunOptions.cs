namespace EventSpike.Actors.Runtime;

/// <summary>
/// How a run is carried out: the credit (windows a layer may run ahead of its slowest consumer),
/// the number of threads for layer actors (0: one per core), a progress callback (steps done) and
/// extra HOCON laid over the embedded single-node configuration; checkpoint and resume settings.
/// </summary>
public sealed record RunOptions(int Credit = 4, int Threads = 0, Action<long>? Progress = null, string? ExtraHocon = null)
{
    /// <summary>Where checkpoints go; null: none are taken.</summary>
    public Checkpoints.CheckpointStore? CheckpointStore { get; init; }

    /// <summary>A checkpoint is taken at the start of every this many windows (≥ 1).</summary>
    public long CheckpointEveryWindows { get; init; }

    /// <summary>Continue from this checkpoint instead of step 0.</summary>
    public Checkpoints.Checkpoint? Resume { get; init; }

    /// <summary>Paced to the wall clock: window w is not granted before w's start in simulated time has passed.</summary>
    public bool Realtime { get; init; }

    /// <summary>Fail the run, naming who it waits on, when no window finishes for this long (seconds; 0: never).</summary>
    public double WatchdogSeconds { get; init; } = 60;

    /// <summary>
    /// Backends to host instead of fresh ones built from the network (one per layer, in layer order; a
    /// null entry: built as usual): they continue from their current step and keep their state; the plan
    /// must start at that step. The Network API's engines, a test's fake backend, a live source.
    /// </summary>
    public IReadOnlyList<Hosting.IWindowBackend?>? Backends { get; init; }

    /// <summary>The backend layers run on unless the network file names one for them, where it can run them ("cpu" when null).</summary>
    public string? Backend { get; init; }

    /// <summary>Told the path of each checkpoint written.</summary>
    public Action<string>? CheckpointWritten { get; init; }
}
