namespace EventSpike.Actors.Messages;

/// <summary>Recorder → checkpoint actor: the spike journal holds exactly the windows before <paramref name="Window"/> in its first <paramref name="JournalBytes"/> bytes.</summary>
public sealed record RecorderCheckpointed(long Window, long JournalBytes);
