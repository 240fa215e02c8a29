using System.Diagnostics;
using HdrHistogram;

namespace EventSpike.Hardware.Dynapse.Link;

/// <summary>
/// What a device link measured: the round trip of each window (HdrHistogram, microseconds, 3
/// significant digits, up to a minute), input and output events, and the time spent in round trips
/// (events/s = events ÷ that time). Thread-safe.
/// </summary>
public sealed class LinkStats
{
    private readonly LongHistogram _us = new(1, 60_000_000, 3);
    private readonly object _gate = new();

    public long Windows { get; private set; }
    public long InputEvents { get; private set; }
    public long OutputEvents { get; private set; }
    public double BusySeconds { get; private set; }

    /// <summary>Records one window: its start (a <see cref="Stopwatch"/> timestamp) and its events.</summary>
    public void Record(long started, int inputEvents, int outputEvents)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        lock (_gate)
        {
            _us.RecordValue(Math.Clamp((long)Math.Round(seconds * 1e6), 1, 60_000_000));
            Windows++;
            InputEvents += inputEvents;
            OutputEvents += outputEvents;
            BusySeconds += seconds;
        }
    }

    /// <summary>The round trip at percentile <paramref name="p"/> (0–100), ms.</summary>
    public double RoundTripMs(double p)
    {
        lock (_gate) return Windows == 0 ? 0 : _us.GetValueAtPercentile(p) / 1000.0;
    }

    /// <summary>Input and output events per second of round-trip time.</summary>
    public double EventsPerSecond
    {
        get
        {
            lock (_gate) return BusySeconds > 0 ? (InputEvents + OutputEvents) / BusySeconds : 0;
        }
    }
}
