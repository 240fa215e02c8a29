namespace EventSpike.Actors.Messages;

/// <summary>Scheduler → recorder: every layer has finished the windows before checkpoint boundary <paramref name="Window"/>.</summary>
public sealed record BoundaryReached(long Window);
