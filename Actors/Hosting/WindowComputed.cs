namespace EventSpike.Actors.Hosting;

/// <summary>A layer actor to itself: the backend finished window <paramref name="Window"/> (started at <paramref name="StartedAt"/>, a Stopwatch timestamp) away from the actor's thread.</summary>
public sealed record WindowComputed(long Window, WindowResult? Result, string? Error, long StartedAt);
