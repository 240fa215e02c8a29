namespace EventSpike.Actors.Messages;

/// <summary>Recorder → scheduler (or the runner, after an interrupt): outputs are complete up to window <paramref name="Windows"/> (exclusive).</summary>
public sealed record RecordingFinished(long Windows = 0);
