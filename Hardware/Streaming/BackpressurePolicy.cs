namespace EventSpike.Hardware.Streaming;

/// <summary>
/// What a sensor source does when more complete windows of events wait than its backlog holds (the network
/// has fallen behind the sensor). Dropping or merging shifts sensor time against simulated time by one window
/// each time, so the network catches up with the sensor instead of lagging ever more.
/// </summary>
public enum BackpressurePolicy
{
    /// <summary>The source waits (a file stops being read; a socket stops being read, so TCP's window closes). No event is lost.</summary>
    Block,

    /// <summary>The newest complete window's events are dropped.</summary>
    DropNewest,

    /// <summary>The oldest waiting window's events are dropped.</summary>
    DropOldest,

    /// <summary>The oldest waiting window's events go into the next window (as Lava's accumulating injectors do); nothing is lost.</summary>
    Merge,
}
