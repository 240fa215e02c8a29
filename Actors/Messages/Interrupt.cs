namespace EventSpike.Actors.Messages;

/// <summary>Runner → scheduler (Ctrl-C with checkpoints on): stop at the next window every layer can reach, checkpoint there, answer <see cref="CheckpointWritten"/> or <see cref="RunFailed"/>.</summary>
public sealed record Interrupt;
