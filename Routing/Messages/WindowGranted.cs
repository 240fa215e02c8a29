namespace EventSpike.Routing.Messages;

/// <summary>Scheduler → layer: you may compute window <paramref name="Window"/> once its inputs are in.</summary>
public sealed record WindowGranted(long Window);
