using Akka.Actor;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Runtime;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// The scheduler's part in checkpoints: tells the recorder when every layer has passed a boundary, stops
/// the run at a window every layer can reach on an interrupt (and tells the interrupter when that
/// checkpoint is on disk), and knows how many checkpoints a run must have written before it may end.
/// </summary>
public sealed class CheckpointCoordinator(long firstWindow)
{
    private long _written;
    private IActorRef? _interrupter;

    public CheckpointSettings? Settings { get; set; }

    public bool Enabled => Settings is not null;

    /// <summary>The window an interrupt stops at; −1: none.</summary>
    public long StopAt { get; private set; } = -1;

    /// <summary>Every layer finished <paramref name="window"/>: the recorder is told when the next window starts a checkpoint.</summary>
    public void AllDone(long window, long lastWindow, IActorRef recorder)
    {
        // An open-ended run's last window is long.MaxValue until its sources have ended.
        if (Settings is not null && window + 1 <= lastWindow && Settings.IsBoundary(window + 1, lastWindow == long.MaxValue ? lastWindow : lastWindow + 1))
            recorder.Tell(new BoundaryReached(window + 1));
    }

    /// <summary>An interrupt: stop at <paramref name="stop"/> and checkpoint there; false when that cannot be.</summary>
    public bool Interrupt(long stop, long lastWindow, IActorRef interrupter, IReadOnlyList<IActorRef> layers, IActorRef recorder)
    {
        if (Settings is null || stop > lastWindow) return false;
        StopAt = stop;
        _interrupter = interrupter;
        foreach (var layer in layers) layer.Tell(new CheckpointAt(stop));
        recorder.Tell(new CheckpointAt(stop));
        return true;
    }

    public void Written(CheckpointWritten written)
    {
        _written++;
        if (written.Window == StopAt) _interrupter?.Tell(written);
    }

    /// <summary>Whether every checkpoint boundary of the run up to <paramref name="lastWindow"/> is on disk.</summary>
    public bool AllWritten(long lastWindow)
    {
        if (Settings is null) return true;
        var expected = 0L;
        for (var w = firstWindow + 1; w <= lastWindow; w++)
            if (Settings.IsBoundary(w, lastWindow + 1)) expected++;
        return _written >= expected;
    }
}
