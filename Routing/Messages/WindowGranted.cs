namespace EventSpike.Routing.Messages;

/// <summary>Scheduler → layer: you may compute every window up to <paramref name="Window"/>, each once its inputs are in.</summary>
public sealed record WindowGranted(long Window);
