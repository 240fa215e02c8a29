using EventSpike.Actors.Messages;

namespace EventSpike.Actors.Runtime;

/// <summary>How a run ended: <see cref="Completed"/> when it ran to the end, otherwise <see cref="Failure"/> says why.</summary>
public sealed record RunResult(RunCompleted? Completed, string? Failure, bool Interrupted, long StepsReached, double WallSeconds)
{
    public bool Succeeded => Completed is not null;

    /// <summary>
    /// The process's CPU seconds (every thread) over the same span as <see cref="WallSeconds"/>: from the start signal to
    /// the scheduler's answer, without making and stopping the run's actors; null where not measured.
    /// </summary>
    public double? CpuSeconds { get; init; }

    /// <summary>What the run's kernel pool did (the run made its own pool); null otherwise.</summary>
    public Neurons.Kernels.KernelPoolStatistics? Pool { get; init; }
}
