namespace EventSpike.Actors.Messages;

/// <summary>Checkpoint actor → scheduler: the checkpoint at the start of <paramref name="Window"/> is on disk.</summary>
public sealed record CheckpointWritten(long Window, string Path);
