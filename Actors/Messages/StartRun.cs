using Akka.Actor;

namespace EventSpike.Actors.Messages;

/// <summary>Starts a run (paced to the wall clock when <c>RealtimeDt</c> is given): the scheduler grants window 0 to every layer and answers <see cref="RunCompleted"/> or <see cref="RunFailed"/> when done.</summary>
public sealed record StartRun(IReadOnlyList<IActorRef> Layers, IActorRef Recorder, double? RealtimeDt = null);
