namespace EventSpike.Actors.Scheduling;

/// <summary>The scheduler's timer: time for the watchdog to look whether the run has stalled.</summary>
internal sealed class WatchdogTick
{
    public static readonly WatchdogTick Instance = new();
}

/// <summary>The scheduler's timer in paced runs: time to look again at the windows held back.</summary>
internal sealed class PaceTick
{
    public static readonly PaceTick Instance = new();
}
