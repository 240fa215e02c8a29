namespace EventSpike.Actors.Messages;

/// <summary>
/// To the scheduler, before <see cref="StartRun"/>: answer with <see cref="RunFailed"/> if the run fails while its
/// layers are still being built or placed (the watchdog, a lost node), so that a hosting that never ends cannot hang it.
/// </summary>
public sealed record FailureBeforeStart;
