namespace EventSpike.Actors.Messages;

/// <summary>Scheduler → recorder in an open-ended run: windows up to <paramref name="Window"/> are part of the run (a source reached them before its end), so they may be written.</summary>
public sealed record RunReaches(long Window);
