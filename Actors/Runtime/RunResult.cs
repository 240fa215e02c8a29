using EventSpike.Actors.Messages;

namespace EventSpike.Actors.Runtime;

/// <summary>How a run ended: <see cref="Completed"/> when it ran to the end, otherwise <see cref="Failure"/> says why.</summary>
public sealed record RunResult(RunCompleted? Completed, string? Failure, bool Interrupted, long StepsReached, double WallSeconds)
{
    public bool Succeeded => Completed is not null;
}
