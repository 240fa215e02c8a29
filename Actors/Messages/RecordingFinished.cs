namespace EventSpike.Actors.Messages;

/// <summary>Recorder → scheduler: outputs are complete.</summary>
public sealed record RecordingFinished;
