namespace EventSpike.Hardware.Streaming;

/// <summary>A stream's totals for its summary: events in (cropped included), dropped by the policy, left out by the crop, windows shed, latency, and the feed's counters.</summary>
public sealed record StreamStats(long EventsIn, long EventsDropped, long EventsOutside, long WindowsShed, LatencySummary Latency,
    long Reconnects, long DatagramsLost, long FramesSkipped);
