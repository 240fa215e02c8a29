using System.Diagnostics;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// Paces a run to the wall clock: window w is not granted before (start of w − start of the run)·dt
/// seconds have passed since the run began; the lag of a window is how far past its end in simulated
/// time the clock was when every layer had computed it.
/// </summary>
public sealed class WallClockPacer(WindowPlan plan, double dt, long firstWindow) : IPacer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly LagStatistics _lag = new();

    public TimeSpan HoldBack(long window) =>
        TimeSpan.FromSeconds((plan.StartOf(window) - plan.StartOf(firstWindow)) * dt - _clock.Elapsed.TotalSeconds);

    public void Completed(long window) =>
        _lag.Add(Math.Max(0, _clock.Elapsed.TotalSeconds - (plan.StartOf(window) + plan.StepsIn(window) - plan.StartOf(firstWindow)) * dt));

    public (double Mean, double Max) Lag => _lag.Value;
}
