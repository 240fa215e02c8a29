namespace EventSpike.Actors.Messages;

/// <summary>Scheduler → recorder: every window is in; close the outputs and answer <see cref="RecordingFinished"/>.</summary>
public sealed record FinishRecording;
