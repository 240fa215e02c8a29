namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Paces a run and measures how late it is. The wall-clock pacer holds each window back until its start
/// in simulated time has passed; the source pacer holds nothing back (a live source holds its own
/// windows until their events are in) and measures the time from a window's events being in to every
/// layer having computed it.
/// </summary>
public interface IPacer
{
    /// <summary>How long window <paramref name="window"/> must still wait before it may be granted (≤ 0: not at all).</summary>
    TimeSpan HoldBack(long window);

    /// <summary>A source's events for <paramref name="window"/> were all in at <paramref name="releasedAt"/> (Stopwatch timestamp).</summary>
    void Released(long window, long releasedAt)
    {
    }

    /// <summary>Every layer has now computed <paramref name="window"/>.</summary>
    void Completed(long window);

    /// <summary>Mean and largest lag over the completed windows, seconds.</summary>
    (double Mean, double Max) Lag { get; }
}
