using Akka.Actor;

namespace EventSpike.Actors.Runtime;

/// <summary>Checkpoints are taken at the start of every <paramref name="EveryWindows"/>-th window and sent to <paramref name="Collector"/>.</summary>
public sealed record CheckpointSettings(long EveryWindows, IActorRef Collector)
{
    public bool IsBoundary(long window, long windowCount) => window > 0 && window < windowCount && window % EveryWindows == 0;
}
