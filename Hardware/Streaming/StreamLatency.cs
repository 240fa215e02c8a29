using System.Diagnostics;
using HdrHistogram;

namespace EventSpike.Hardware.Streaming;

/// <summary>A histogram of per-window latencies (HdrHistogram, microsecond resolution, 3 significant digits, up to an hour). Not thread-safe.</summary>
public sealed class StreamLatency
{
    private const long HighestUs = 3_600_000_000;
    private readonly LongHistogram _us = new(1, HighestUs, 3);

    /// <summary>Records a latency of <paramref name="ticks"/> Stopwatch ticks.</summary>
    public void Record(long ticks)
    {
        var us = (long)Math.Round(ticks * 1e6 / Stopwatch.Frequency);
        _us.RecordValue(Math.Clamp(us, 1, HighestUs));
    }

    public LatencySummary Summary()
    {
        if (_us.TotalCount == 0) return new LatencySummary(0, 0, 0, 0);
        double Ms(long us) => Math.Round(us / 1000.0, 3);
        return new LatencySummary(Ms(_us.GetValueAtPercentile(50)), Ms(_us.GetValueAtPercentile(99)), Ms(_us.GetMaxValue()), _us.TotalCount);
    }
}
