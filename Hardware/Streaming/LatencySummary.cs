namespace EventSpike.Hardware.Streaming;

/// <summary>Per-window latency of a stream in milliseconds (arrival of a window's last event → the input layer has given the window), over <see cref="Windows"/> windows with events.</summary>
public sealed record LatencySummary(double P50, double P99, double Max, long Windows);
