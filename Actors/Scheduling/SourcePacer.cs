using System.Diagnostics;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Follows the run's live sources: they hold each window until its events are in, so nothing is held
/// back here. The lag of a window is the time from its events being in (the latest source's release)
/// to every layer having computed it: how late the network is behind its sensor.
/// </summary>
public sealed class SourcePacer : IPacer
{
    private readonly Dictionary<long, long> _released = new();
    private readonly LagStatistics _lag = new();

    public TimeSpan HoldBack(long window) => TimeSpan.Zero;

    public void Released(long window, long releasedAt)
    {
        if (releasedAt != 0) _released[window] = Math.Max(_released.GetValueOrDefault(window), releasedAt);
    }

    public void Completed(long window)
    {
        if (!_released.Remove(window, out var at)) return;
        _lag.Add(Stopwatch.GetElapsedTime(at).TotalSeconds);
    }

    public (double Mean, double Max) Lag => _lag.Value;
}
